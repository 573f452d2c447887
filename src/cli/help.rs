//! The command line's help in the system's language: every text `--help` shows that is ours
//! (what the program and each command and option is for, the headings) comes from the string
//! table; clap's own words left are the usage line's placeholders (`[OPTIONS]`, `<FILE>`) and
//! its error messages.

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{Lang, T};

/// Parses the process's arguments with the help in the system's language; on `--help`, a
/// usage error or `--version`, prints and exits as clap does.
pub fn parse() -> Cli {
    let args = lookup_options_first(help_as_flag(std::env::args_os().collect()));
    let matches = command(Lang::from_os()).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The whole command line, its help texts in `lang`.
pub fn command(lang: Lang) -> Command {
    localize(Cli::command(), None, lang)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.t(T::HelpVersion)),
        )
        .disable_help_subcommand(true)
}

/// `poscare help [COMMAND]` as `poscare [COMMAND] --help` (clap's own `help` command would print
/// its own English words).
fn help_as_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// `poscare lookup 51 --json --data-dir D` as `poscare lookup --json --data-dir D 51`: the
/// prompt takes every word after it (a prompt may begin with "-"), so the options typed after it,
/// which no terminal shows, are moved in front of it. After `--` every word is the prompt's.
fn lookup_options_first(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const FLAGS: [&str; 1] = ["--json"];
    const WITH_VALUE: [&str; 3] = ["--limit", "--lang", "--data-dir"];
    let Some(at) = args.iter().position(|a| a == "lookup") else {
        return args;
    };
    let (head, tail) = args.split_at(at + 1);
    let mut options = Vec::new();
    let mut words = Vec::new();
    let mut rest = tail.iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            words.push(arg.clone());
            words.extend(rest.by_ref().cloned());
            break;
        }
        let name = text.split_once('=').map_or(&*text, |(name, _)| name);
        if FLAGS.contains(&&*text) || (WITH_VALUE.contains(&name) && text.contains('=')) {
            options.push(arg.clone());
        } else if WITH_VALUE.contains(&&*text) {
            options.push(arg.clone());
            options.extend(rest.next().cloned());
        } else if words.is_empty() && text.starts_with("--") {
            // An option of its own (--help) or a mistyped one: clap says which.
            options.push(arg.clone());
        } else {
            words.push(arg.clone());
        }
    }
    head.iter().cloned().chain(options).chain(words).collect()
}

/// One command (`sub`: its name, `None` for the program itself) and its subcommands, with the
/// texts in `lang`.
fn localize(cmd: Command, sub: Option<&str>, lang: Lang) -> Command {
    let about = match sub {
        None => T::HelpAbout,
        Some(name) => command_help(name).unwrap_or(T::HelpAbout),
    };
    let has_positionals = cmd.get_positionals().next().is_some();
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let cmd = cmd
        .about(lang.t(about))
        .long_about(None::<&str>)
        .help_template(template(lang, has_positionals, has_subcommands))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.t(T::HelpFlag)),
        )
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_owned();
            let Some(key) = arg_help(sub, &id) else {
                return arg;
            };
            // Our text says the default and the choices; clap would add them in English.
            let takes_values = arg.get_action().takes_values();
            let arg = arg.help(lang.t(key)).long_help(None::<&str>).hide_env(true);
            if takes_values {
                arg.hide_default_value(true).hide_possible_values(true)
            } else {
                arg
            }
        });
    cmd.mut_subcommands(|c| {
        let name = c.get_name().to_owned();
        localize(c, Some(&name), lang)
    })
}

/// The help page's layout with our headings.
fn template(lang: Lang, positionals: bool, subcommands: bool) -> String {
    // "Usage: " ends in a space, "用法：" in its full-width colon.
    let mut out = format!("{{about}}\n\n{}{{usage}}\n", lang.t(T::HelpUsage));
    if subcommands {
        out.push_str(&format!("\n{}\n{{subcommands}}\n", lang.t(T::HelpCommands)));
    }
    if positionals {
        out.push_str(&format!(
            "\n{}\n{{positionals}}\n",
            lang.t(T::HelpArguments)
        ));
    }
    out.push_str(&format!("\n{}\n{{options}}\n", lang.t(T::HelpOptions)));
    out
}

/// What a command is for.
fn command_help(name: &str) -> Option<T> {
    Some(match name {
        "check" => T::HelpCheck,
        "backup" => T::HelpBackup,
        "restore" => T::HelpRestore,
        "today" => T::HelpToday,
        "export" => T::HelpExport,
        "insights" => T::HelpInsights,
        "lookup" => T::HelpLookup,
        "close" => T::HelpClose,
        _ => return None,
    })
}

/// What an argument of a command (`None`: of the program itself) is for.
fn arg_help(sub: Option<&str>, id: &str) -> Option<T> {
    Some(match (sub, id) {
        (_, "data_dir") => T::HelpDataDir,
        (None, "exit_after_first_frame") => T::HelpExitAfterFirstFrame,
        (None, "renderer") => T::HelpRenderer,
        (_, "json") => T::HelpJson,
        (_, "from") => T::HelpFrom,
        (_, "to") if sub == Some("backup") => T::HelpBackupTo,
        (_, "to") => T::HelpTo,
        (_, "device") => T::HelpDevice,
        (Some("restore"), "file") => T::HelpRestoreFile,
        (Some("restore"), "yes") => T::HelpRestoreYes,
        (Some("today"), "date") => T::HelpTodayDate,
        (Some("export"), "file") => T::HelpExportFile,
        (Some("export"), "force") => T::HelpExportForce,
        (Some("export"), "html") => T::HelpExportHtml,
        (Some("export"), "lang") => T::HelpExportLang,
        (Some("lookup"), "limit") => T::HelpLookupLimit,
        (Some("lookup"), "lang") => T::HelpLookupLang,
        (Some("lookup"), "query") => T::HelpLookupQuery,
        (Some("close"), "wait") => T::HelpCloseWait,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<std::ffi::OsString> {
        line.split(' ').map(Into::into).collect()
    }

    /// Options typed after the prompt are options; the prompt keeps its own words, a leading
    /// "-" and everything after `--`.
    #[test]
    fn lookup_options_after_the_prompt_are_options() {
        for (typed, parsed) in [
            (
                "poscare lookup 51 --json --data-dir D",
                "poscare lookup --json --data-dir D 51",
            ),
            (
                "poscare lookup 余额 不足 --limit=3 --lang en",
                "poscare lookup --limit=3 --lang en 余额 不足",
            ),
            (
                "poscare lookup -55 退款失败 --json",
                "poscare lookup --json -55 退款失败",
            ),
            (
                "poscare lookup --json -- 51 --data-dir",
                "poscare lookup --json -- 51 --data-dir",
            ),
            (
                "poscare --data-dir D lookup --json 51",
                "poscare --data-dir D lookup --json 51",
            ),
            ("poscare today --json", "poscare today --json"),
        ] {
            assert_eq!(lookup_options_first(args(typed)), args(parsed), "{typed}");
        }
        let cli = command(Lang::En)
            .try_get_matches_from(lookup_options_first(args(
                "poscare lookup 51 --json --data-dir /no/such",
            )))
            .unwrap();
        let cli = Cli::from_arg_matches(&cli).unwrap();
        assert_eq!(cli.data_dir, Some("/no/such".into()));
        match cli.command {
            Some(crate::cli::Command::Lookup { json, query, .. }) => {
                assert!(json);
                assert_eq!(query, ["51"]);
            }
            other => panic!("{other:?}"),
        }
    }

    /// Every command and every argument has its text in the string table, so a new one cannot
    /// show clap's English (from the doc comments) on a Chinese system.
    #[test]
    fn every_command_and_option_has_its_help_in_the_string_table() {
        let cmd = Cli::command();
        let mut missing = Vec::new();
        for arg in cmd.get_arguments() {
            if arg_help(None, arg.get_id().as_str()).is_none() {
                missing.push(format!("poscare {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            if command_help(name).is_none() {
                missing.push(format!("poscare {name}"));
            }
            for arg in sub.get_arguments() {
                if arg_help(Some(name), arg.get_id().as_str()).is_none() {
                    missing.push(format!("poscare {name} {}", arg.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "no help text for {missing:?}");
    }

    #[test]
    fn the_help_speaks_chinese_on_a_chinese_system() {
        let mut cmd = command(Lang::Zh);
        let help = cmd.render_help().to_string();
        for words in [
            "用法：",
            "命令：",
            "选项：",
            "显示这份帮助",
            "显示版本号",
            "数据文件夹",
        ] {
            assert!(help.contains(words), "{words} missing in:\n{help}");
        }
        for english in ["Usage:", "Print help", "Options:", "Commands:", "[env:"] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        let mut export = command(Lang::Zh).find_subcommand("export").unwrap().clone();
        let help = export.render_help().to_string();
        assert!(
            help.contains("参数：") && help.contains("--force"),
            "{help}"
        );
        assert!(!help.contains("Replace FILE"), "{help}");
        let mut english = command(Lang::En);
        assert!(english.render_help().to_string().contains("Usage:"));
    }

    #[test]
    fn help_as_a_word_is_the_help_flag() {
        let args = |list: &[&str]| -> Vec<std::ffi::OsString> {
            list.iter().map(std::ffi::OsString::from).collect()
        };
        assert_eq!(
            help_as_flag(args(&["poscare", "help", "today"])),
            args(&["poscare", "today", "--help"])
        );
        assert_eq!(
            help_as_flag(args(&["poscare", "lookup", "help"])),
            args(&["poscare", "lookup", "help"]),
            "a prompt that says help is looked up"
        );
    }
}
