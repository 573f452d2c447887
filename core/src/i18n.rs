//! Languages and the one string table.
//!
//! Every visible string of the app is a [`T`] key with its Simplified Chinese and English text side
//! by side, so a key without both languages does not compile. Texts with blanks use `{name}`
//! placeholders filled by [`Lang::fill`]. User-entered text is never translated.

use serde::{Deserialize, Serialize};

/// The languages of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    /// Simplified Chinese (中文).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code stored in settings and accepted on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `zh_Hans`, `en`, `en-US`, … (case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language of the operating system: Chinese for any `zh` locale, English otherwise.
    pub fn from_os() -> Lang {
        match sys_locale::get_locale() {
            Some(locale) if locale.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// The text of `key` in this language.
    pub fn t(self, key: T) -> &'static str {
        key.text(self)
    }

    /// `text` in brackets after what comes before it: "（…）" in Chinese, " (…)" in English.
    pub fn aside(self, text: &str) -> String {
        match self {
            Lang::Zh => format!("（{text}）"),
            Lang::En => format!(" ({text})"),
        }
    }

    /// A whole message put inside brackets of another ("…（磁盘已满）"): without its closing full
    /// stop, which would stand inside the brackets.
    pub fn bracketed(text: &str) -> &str {
        text.trim_end().trim_end_matches(['.', '。'])
    }

    /// The text of `key` with each `{name}` replaced by its value.
    ///
    /// A text may also choose a word by a count: `{n|day|days}` is `day` when `n` is "1" and
    /// `days` otherwise (English needs it; Chinese has no plural).
    pub fn fill(self, key: T, args: &[(&str, &str)]) -> String {
        let mut out = self.t(key).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
            let open = format!("{{{name}|");
            while let Some(start) = out.find(&open) {
                let Some(len) = out[start..].find('}') else {
                    break;
                };
                let forms = &out[start + open.len()..start + len];
                let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
                let word = if *value == "1" { one } else { other }.to_owned();
                out.replace_range(start..=start + len, &word);
            }
        }
        out
    }
}

macro_rules! strings {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A key of the string table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            /// Every key, for tests that check the whole table.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    AppName => "POS Care 维护助手", "POS Care 维护助手";
    // Navigation
    NavLookup => "查提示", "Look up";
    NavDevices => "设备", "Devices";
    NavSettings => "设置", "Settings";
    NavEmergency => "应急预案", "Emergency";
    NavHistory => "维护记录", "History";
    NavBackups => "备份", "Backups";
    // Status line
    StatusDataFolder => "数据文件夹：{path}", "Data folder: {path}";
    StatusLastAuto => "本机自动备份：{when}", "Automatic backup on this PC: {when}";
    StatusLastAutoLater => "本机自动备份：{when}（比电脑现在的时间还晚）", "Automatic backup on this PC: {when} (later than the PC's clock now)";
    StatusNoAuto => "本机还没有自动备份", "No automatic backup on this PC yet";
    StatusLastOutside => "U 盘等外部备份：{when}", "Backup to a USB stick or other folder: {when}";
    StatusNoOutside => "U 盘等外部备份：还没有", "Backup to a USB stick or other folder: none yet";
    StatusBusy => "正在处理…", "Working…";
    StatusCompact => "备份：本机 {auto} · U 盘 {outside}", "Backups: this PC {auto} · USB {outside}";
    StatusNone => "还没有", "none yet";
    // Common
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Close => "关闭", "Close";
    Edit => "编辑", "Edit";
    Yes => "是", "Yes";
    No => "否", "No";
    DateHint => "年-月-日，如 2025-03-18", "YYYY-MM-DD, e.g. 2025-03-18";
    Required => "{field}（必填）", "{field} (required)";
    // Devices screen
    DevicesTitle => "店内设备", "Shop equipment";
    DevicesIntro => "登记店里的刷卡终端、小票打印机、路由器和电脑。终端号、商户号和客服热线在出问题打电话时要用。",
        "Register the shop's card terminals, receipt printers, router and PC. The terminal ID, merchant ID and hotline are what you need when you call for help.";
    DeviceAdd => "添加设备", "Add device";
    DeviceFilter => "查找设备", "Find a device";
    DeviceFilterHint => "名称、型号、序列号、终端号…", "Name, model, serial, terminal ID…";
    DeviceShowRetired => "显示已停用的设备", "Show retired devices";
    DeviceNone => "还没有登记设备。点“添加设备”，从收银台上的刷卡终端开始。", "No devices yet. Click “Add device” and start with the card terminal at the counter.";
    DeviceNoMatch => "没有符合“{query}”的设备。", "No device matches “{query}”.";
    DeviceCount => "共 {n} 台", "{n} in all";
    ColName => "名称", "Name";
    ColKind => "类型", "Kind";
    ColModel => "品牌 / 型号", "Brand / model";
    ColTerminalId => "终端号", "Terminal ID";
    ColStatus => "状态", "Status";
    StatusInUse => "在用", "In use";
    StatusRetired => "已停用", "Retired";
    DeviceNewTitle => "添加设备", "New device";
    DeviceEditTitle => "编辑设备", "Edit device";
    FieldName => "名称", "Name";
    FieldKind => "类型", "Kind";
    FieldBrand => "品牌", "Brand";
    FieldModel => "型号", "Model";
    FieldSerial => "序列号（SN）", "Serial number";
    FieldTerminalId => "终端号", "Terminal ID";
    FieldMerchantId => "商户号", "Merchant ID";
    FieldAcquirer => "收单机构 / 支付公司", "Acquirer / payment company";
    FieldHotline => "客服热线", "Support hotline";
    FieldInstalledOn => "安装日期", "Installed on";
    FieldWarrantyUntil => "保修到期", "Warranty until";
    FieldNotes => "备注", "Notes";
    KindTerminal => "刷卡终端", "Card terminal";
    KindPrinter => "小票打印机", "Receipt printer";
    KindRouter => "路由器", "Router";
    KindPc => "电脑", "PC";
    KindOther => "其他", "Other";
    DeviceRetire => "停用此设备", "Retire this device";
    DeviceRetireReason => "停用原因", "Reason for retiring";
    DeviceRetireConfirm => "确认停用", "Retire";
    DeviceRetireResolve => "把这台设备的 {n} 件未解决（或已转交、在等处理）的故障一起标为已解决（设备已换下，不会再处理）", "Mark this device's {n} open or handed-on {n|incident|incidents} resolved with it (the unit is gone; nobody will work on {n|it|them})";
    DeviceRetiredResolution => "设备已停用：{reason}", "Device retired: {reason}";
    DeviceRetireHelp => "停用的设备和它的记录都会保留，以后还可以恢复使用。", "A retired device and its records are kept; you can put it back in use later.";
    DeviceReinstate => "恢复使用", "Put back in use";
    DeviceRetiredOn => "已于 {date} 停用：{reason}", "Retired on {date}: {reason}";
    DeviceWarrantyEnded => "⚠ 已过保修期：维修可能要收费，报修前先问清楚", "⚠ Out of warranty: repairs may be charged for; ask before booking one";
    DeviceWarrantyEndsIn => "⚠ 保修还有 {n} 天到期：有毛病趁保修期内报修", "⚠ The warranty ends in {n} {n|day|days}: have any fault repaired before then";
    DeviceSaveBelow => "保存这台设备", "Save this device";
    TaskSaveBelow => "保存这项任务", "Save this task";
    DeviceSaved => "已保存“{name}”。", "Saved “{name}”.";
    DeviceRetiredMsg => "“{name}”已停用，记录仍保留。", "“{name}” is retired; its records are kept.";
    DeviceReinstatedMsg => "“{name}”已恢复使用。", "“{name}” is back in use.";
    DeviceReinstatedSameName => "“{name}”已恢复使用。⚠ 另一台在用的设备也叫这个名字：请给其中一台改个名字，不然记录、图表和导出里分不清。", "“{name}” is back in use. ⚠ Another device in use has this name: rename one of them, or the records, charts and exports cannot tell them apart.";
    DeviceSelectHint => "在左边选一台设备查看或编辑，或者添加新设备。", "Pick a device on the left to see or edit it, or add a new one.";
    // Validation
    ErrNameRequired => "请填写设备名称，例如“收银台1号终端”。", "Please give the device a name, e.g. “Counter terminal 1”.";
    ErrTooLong => "“{field}”太长了：最多 {max} 个字，现在是 {len} 个字。", "“{field}” is too long: at most {max} characters, now {len}.";
    ErrPasteRefused => "内容太长（{len} 个字），没有放进“{field}”。这一栏最多 {max} 个字。", "That is too long ({len} characters) and was not put into “{field}”. This field takes at most {max} characters.";
    ErrTypedTooLong => "“{field}”太长了（最多 {max} 个字）。", "“{field}” is too long ({max} characters at most).";
    ErrBadDate => "“{field}”不是有效日期：“{value}”。请按 年-月-日 填写，如 2025-03-18。", "“{field}” is not a real date: “{value}”. Please write it as YYYY-MM-DD, e.g. 2025-03-18.";
    ErrDateRange => "“{field}”的年份应在 1990 到 2100 之间。", "The year of “{field}” should be between 1990 and 2100.";
    ErrWarrantyBeforeInstall => "保修到期日早于安装日期，请检查。", "The warranty ends before the install date; please check.";
    ErrInstalledAfterToday => "安装日期晚于今天，请检查（设备到店装好后再登记）。", "The install date is after today; please check (a device is registered once it is in the shop).";
    ErrControlChars => "“{field}”里有不可见的控制字符，请重新输入。", "“{field}” contains invisible control characters; please retype it.";
    ErrRetireReason => "请写一句停用原因，例如“已退还给银行”。", "Please give a short reason, e.g. “returned to the bank”.";
    FormHasProblems => "还不能保存：表中标出了 {n} 处需要改正的地方。", "Not saved yet: {n} {n|problem is|problems are} marked on the form.";
    // Lookup screen
    LookupTitle => "查终端提示", "Look up a terminal prompt";
    LookupQueryCut => "只用了前 {n} 个字：终端上的提示一般只有一两行。", "Only the first {n} characters are used: a terminal's prompt is a line or two.";
    LookupBox => "终端上显示的内容", "What the terminal shows";
    LookupHint => "输入代码或文字，如 51、余额不足、A0、yebz", "Type the code or words, e.g. 51, A0, insufficient funds";
    LookupShortcut => "在任何页面按 Ctrl+K 都能回到这里。", "Ctrl+K brings you here from any screen.";
    LookupEmpty => "把终端屏幕上的字或代码输进上面的框，马上就能看到它是什么意思、该怎么办。也可以按类别浏览：", "Type the words or code on the terminal's screen above to see at once what it means and what to do. Or browse by category:";
    LookupNearest => "不能完全确定是哪一条。最可能的几条如下，请和屏幕上的文字或代码核对，点一条看怎么处理：", "Not sure which one this is. The most likely ones are below: check them against the screen, and click one to see what to do:";
    LookupNearestBack => "不能完全确定是这一条，请和屏幕上的文字或代码核对；另外几条可能的在“返回列表”里。", "Not sure it is this one: check it against the screen. The other likely ones are under “Back to the list”.";
    LookupNothing => "没有找到这条提示。请检查输入是否有误，或者按类别浏览；如果这是您终端特有的提示，可以把它添加为自己的条目。", "Nothing found. Check what you typed, or browse by category; if your terminal shows a prompt we lack, add it as your own entry.";
    LookupResults => "找到 {n} 条", "{n} found";
    BackToList => "返回列表", "Back to the list";
    LookupBackToBrowse => "← 全部类别", "← All categories";
    GroupSeparator => "；", "; ";
    ListSeparator => "、", ", ";
    Unconfirmed => "这条提示的意思说不准：下面是通用的检查步骤，不是确定的诊断。", "What this prompt means is not certain: these are general checks, not a diagnosis.";
    UnconfirmedShort => "说明仅供参考", "for guidance only";
    OwnBadge => "我的条目", "My entry";
    DetailFault => "问题出在：", "Where the problem is:";
    DetailRetry => "能不能重试：", "Retry?";
    DetailMeaning => "是什么意思", "What it means";
    DetailSteps => "现在怎么做", "What to do now";
    DetailCauses => "可能的原因（最常见的在前）", "Likely causes (most likely first)";
    DetailCall => "找谁", "Whom to call";
    DetailNobodyToCall => "一般不需要打电话。", "Usually no call is needed.";
    DetailVariants => "其他写法和含义", "Other wordings and meanings";
    DetailScreen => "屏幕上可能显示为", "The screen may show";
    DetailCodes => "代码：{codes}", "Code: {codes}";
    IncidentStepsAdded => "已记到刚才的故障里", "Added to the incident just recorded";
    StepsTicked => "已完成 {done}/{total} 步", "{done} of {total} {total|step|steps} done";
    MyNote => "我的备注（只保存在这台电脑上）", "My note (kept on this PC only)";
    SaveNote => "保存备注", "Save note";
    NoteSaved => "备注已保存。", "Note saved.";
    RecordIncident => "记录这次故障", "Record this incident";
    RecordShortcut => "快捷键 Ctrl+Enter", "Ctrl+Enter";
    RecordAgain => "已记录 · 同样的问题又出现时再点一次", "Recorded · click again if it happens again";
    RecordAgainAsk => "这条提示刚记过一次。确实又出现了一次？", "This prompt was just recorded. Did it really happen again?";
    RecordAgainYes => "是，再记一条", "Yes, record another";
    IncidentDevice => "哪台终端", "Which terminal";
    NoDevice => "（不指定）", "(not specified)";
    IncidentNoTerminal => "不指定终端", "Not on a particular terminal";
    IncidentLeftBehind => "⚠ 上一条还没记下：“{prompt}”。记在哪台终端？", "⚠ Not recorded yet: “{prompt}”. On which terminal?";
    IncidentLeftBehindDrop => "不记了", "Don't record it";
    IncidentLeftBehindOn => "记在{device}", "On {device}";
    IncidentLeftBehindNone => "记下，不指定终端", "Record, no particular terminal";
    IncidentLeftBehindRecorded => "已记下：“{prompt}”（{device}）。", "Recorded: “{prompt}” ({device}).";
    IncidentPickTerminal => "↑ 请选是哪台终端：同一台老出故障时，才能提醒您", "↑ Choose the terminal, so that one that keeps failing can be flagged";
    IncidentPickKeys => "键盘：Alt+1 到 Alt+{last} 依次选上面的终端，Alt+0 是“不指定终端”", "Keyboard: Alt+1 to Alt+{last} choose the terminals above in turn; Alt+0 is “Not on a particular terminal”";
    IncidentRepeatProgress => "{device} {days} 天内第 {n} 次：{family}。满 {count} 次会提醒您。", "On {device}: {family}, {n} {n|time|times} in {days} days. A warning comes at {count}.";
    IncidentTerminalPicked => "✓ 已选好终端：同一台老出故障时会提醒您", "✓ Terminal chosen: if it keeps failing, you will be told";
    IncidentNoTerminalPicked => "✓ 不指定终端：这条不算进哪台终端的故障次数", "✓ No particular terminal: this one counts towards no terminal's repeated faults";
    IncidentTerminalPickedCustomer => "✓ 已选好终端（这是顾客那边的原因，不算终端的故障）", "✓ Terminal chosen (the customer's side, not counted against the terminal)";
    IncidentRecorded => "已记录故障。问题解决后，请在“故障记录”里标记。", "Incident recorded. When it is fixed, mark it under “Incidents”.";
    IncidentRecordedSettled => "已记录。这是顾客的卡或账户的原因，店里不用处理，已记为处理完。", "Recorded. It was the customer's card or account, with nothing for the shop to fix: it is marked done.";
    IncidentRecordedRedone => "已记录。当场重新操作即可，店里不用处理，已记为处理完。", "Recorded. It is done again on the spot, with nothing for the shop to fix: it is marked done.";
    IncidentSettledCustomer => "顾客的卡或账户的原因：已请顾客换卡或换一种方式付款", "The customer's card or account: the customer was asked for another card or another way to pay";
    IncidentSettledRedone => "当场重新操作即可，没有要修的", "Done again on the spot: nothing left to fix";
    TabLookup => "查询", "Look up";
    TabIncidents => "故障记录", "Incidents";
    TabIncidentsOpen => "故障记录（{n} 件未解决）", "Incidents ({n} open)";
    TabIncidentsWaiting => "故障记录（{m} 件已上报）", "Incidents ({m} handed on)";
    TabIncidentsOpenWaiting => "故障记录（{n} 件未解决，{m} 件已上报）", "Incidents ({n} open, {m} handed on)";
    IncidentsNone => "还没有记录过故障。查到提示后点“记录这次故障”即可。", "No incidents yet. After a lookup, click “Record this incident”.";
    IncidentsUnreadable => "这里现在看不到记录的故障：数据文件夹用不了（原因在窗口最上方）。记录都还在文件里，文件夹能用后就会显示。", "Recorded incidents cannot be shown here now: the data folder cannot be used (the reason is at the top of the window). They are still in the file, and show again once the folder can be used.";
    IncidentOpen => "未解决", "Open";
    IncidentResolved => "已解决", "Resolved";
    IncidentVoided => "已作废", "Voided";
    IncidentEscalated => "已上报", "Handed on";
    IncidentPrompt => "屏幕提示", "Prompt";
    IncidentNote => "备注", "Note";
    IncidentNoteRecorded => "这次故障的备注", "Note on this incident";
    IncidentNoteSaved => "备注已记到刚才的故障里", "Note kept with the incident just recorded";
    RecordPinnedName => "{button}（答案下方固定的按钮）", "{button} (pinned under the answer)";
    SaveIncidentNote => "把备注记到这次故障", "Keep the note with this incident";
    IncidentPickTerminalFirst => "⚠ 先选是哪台终端（或“不指定终端”），再点记录", "⚠ First choose the terminal (or “Not on a particular terminal”), then record";
    IncidentResolution => "怎么解决的", "What fixed it";
    IncidentEscalatedTo => "交给了谁（如收单机构客服、维修人员）", "Handed to whom (e.g. acquirer hotline, technician)";
    IncidentStarted => "开始于 {when}", "Began {when}";
    IncidentClosedAt => "{status}于 {when}", "{status} {when}";
    Resolve => "标记为已解决", "Mark resolved";
    Escalate => "标记为已上报", "Mark handed on";
    Reopen => "重新打开", "Reopen";
    ErrPromptRequired => "请填写终端上显示的内容。", "Please write what the terminal shows.";
    ErrResolutionRequired => "请写一句是怎么解决的，以后再遇到时有用。", "Please say what fixed it; it helps next time.";
    ErrEscalatedToRequired => "请写明交给了谁。", "Please say whom it was handed to.";
    CopySheet => "复制报修单", "Copy call sheet";
    SaveSheet => "保存报修单（可打印）", "Save call sheet (printable)";
    SheetCopied => "报修单已复制，可以粘贴到微信、短信或邮件里。", "Call sheet copied: paste it into a message or email.";
    SheetSaved => "报修单已保存：{path}", "Call sheet saved: {path}";
    SheetSaveTo => "报修单保存到", "Save the call sheet to";
    SheetSaveHere => "保存报修单", "Save call sheet";
    NoFileDialog => "这台电脑打不开选择文件的窗口，请直接填写完整路径。", "This computer has no file dialog: type the full path instead.";
    SheetTitle => "POS 报修单", "POS support call sheet";
    SheetShop => "商户名称", "Shop";
    SheetDevice => "设备", "Device";
    SheetPrompt => "屏幕提示", "Prompt on screen";
    SheetCheck => "检查项目", "Check";
    CheckFoundProblem => "{task}发现问题：{problem}", "{task} found a problem: {problem}";
    CheckItemsNotSo => "{task}发现问题，这些项不符合：{items}", "{task} found a problem; not as it should be: {items}";
    SheetCheckProblems => "有问题的检查项", "Items with a problem";
    SheetMeaning => "查到的含义", "Looked up as";
    SheetBegan => "开始时间", "Began";
    SheetTried => "已经试过", "Already tried";
    AddOwn => "添加自己的条目", "Add my own entry";
    OwnTitleHeading => "添加自己的条目", "Add my own entry";
    OwnScreen => "屏幕上显示的文字", "What the screen shows";
    OwnCode => "代码（如有）", "Code (if any)";
    OwnTitle => "简短名称", "Short name";
    OwnMeaning => "是什么意思", "What it means";
    OwnSteps => "怎么处理（每行一步）", "What to do (one step per line)";
    OwnSaved => "已添加。以后查询时会一起搜索，并标为“我的条目”。", "Added. It is searched with the others from now on, marked “My entry”.";
    ShopName => "店名（写在报修单上）", "Shop name (for call sheets)";
    SetShop => "店铺", "Shop";
    ShopNameSaved => "店名已保存：{name}", "Shop name saved: {name}";
    ShopNameCleared => "店名已清空。", "Shop name cleared.";
    // Knowledge base: categories, fault, retry, contacts
    CatNetwork => "网络通讯", "Network";
    CatDevice => "终端硬件", "Terminal hardware";
    CatCard => "卡片问题", "Card problem";
    CatAccount => "顾客的账户", "Customer's account";
    CatTerminalConfig => "商户 / 终端设置", "Merchant or terminal set-up";
    CatBank => "发卡行或银联系统", "Issuer or payment network";
    CatSecurityKey => "密钥与安全校验", "Keys and security checks";
    CatOperator => "操作问题", "Operation";
    CatApproved => "交易成功", "Approved";
    FaultCard => "卡片", "The card";
    FaultAccount => "顾客的账户", "The customer's account";
    FaultTerminal => "终端（设备、设置或密钥）", "The terminal (device, set-up or keys)";
    FaultNetwork => "网络", "The network";
    FaultBank => "发卡行或支付网络", "The bank or payment network";
    FaultOperation => "操作方式", "How it was operated";
    FaultNobody => "没有问题", "Nothing is wrong";
    RetryNo => "同一张卡不要再刷同样的金额", "Do not run the same card again for the same amount";
    RetryNoSetUp => "先别重试：换哪张卡都一样，要先把商户或终端的设置弄好", "Do not retry yet: any card would fail the same way until the shop's or terminal's set-up is fixed";
    RetryYes => "可以重试", "Safe to retry";
    RetryOnce => "可以重试一次", "Retry once";
    RetryAfterFix => "先解决问题，再重试", "Retry only after the fix";
    RetryCheckFirst => "先核实！钱可能已经扣了，不要重复收款", "Check first! The money may already have moved: don't charge twice";
    RetryCheckFirstRefund => "先核实！可能已经退成功了，不要重复退款", "Check first! The refund may already have gone through: don't refund twice";
    RetryLater => "等几分钟再试", "Wait a few minutes, then retry";
    RetryNotApplicable => "不需要重试", "Nothing to retry";
    ContactIssuer => "发卡行（顾客拨打卡背面的电话）", "The card's issuing bank (the customer calls the number on the card)";
    ContactAcquirer => "收单机构（提供 POS 的银行或支付公司）", "The acquirer (the bank or payment company that provided the terminal)";
    ContactTechnician => "维修人员 / 终端厂商", "The technician or terminal vendor";
    // Storage messages
    ErrStorage => "保存失败，数据没有改动：{detail}", "Could not save; nothing was changed: {detail}";
    OpenAlreadyOpen => "POS Care 维护助手已经在运行，并且正在使用这个数据文件夹：\n{path}\n请切换到已打开的窗口。同一份数据不能同时由两个窗口使用。",
        "POS Care is already running and using this data folder:\n{path}\nPlease switch to the window that is open. Two copies cannot use the same data at once.";
    WindowHeldByCommand => "另一个 POS Care 维护助手的命令（比如开机时的备份）正在使用这个数据文件夹：\n{path}\n它一做完，这个窗口就会自己打开数据（每隔几秒试一次），也可以点下面的按钮马上试。", "Another POS Care command (such as a backup at start-up) is using this data folder:\n{path}\nAs soon as it is done, this window opens the data by itself (it tries every few seconds), or use the button below to try now.";
    OpenHeldByCommand => "另一个 POS Care 命令（比如备份）正在使用这个数据文件夹，等了 15 秒还没有结束：\n{path}\n没有窗口开着。请等它结束再试。", "Another POS Care command (a backup, for example) is using this data folder and did not finish within 15 seconds:\n{path}\nNo window is open. Please wait for it to finish and try again.";
    OpenTooNew => "这个数据文件来自更新版本的 POS Care 维护助手（数据版本 {found}，本程序支持到 {supported}）。为了不损坏数据，没有打开它。请安装最新版本。\n{path}",
        "This data file comes from a newer version of POS Care (data version {found}; this program supports up to {supported}). It was not opened, so that nothing is damaged. Please install the newest version.\n{path}";
    OpenNoFolder => "无法使用数据文件夹：\n{path}\n{detail}\n请检查这个文件夹是否存在、是否可以写入，或用 --data-dir 指定另一个文件夹。",
        "Cannot use the data folder:\n{path}\n{detail}\nPlease check that it exists and can be written to, or choose another folder with --data-dir.";
    OpenFailed => "无法打开数据文件：\n{path}\n{detail}", "Cannot open the data file:\n{path}\n{detail}";
    ClosingAfterJob => "正在备份或恢复：完成后窗口会自动关闭。再点一次关闭就立即关闭（这次备份作废）。",
        "A backup or restore is running: the window closes as soon as it is done. Close it again to close at once (this backup is then abandoned).";
    FatalTitle => "只能查提示，不能记录", "Lookup only: nothing can be recorded";
    FatalWhy => "为什么？", "Why?";
    FatalQuit => "关闭 POS Care", "Close POS Care";
    TryAgain => "再试一次", "Try again";
    DataFolderUsable => "数据文件夹现在可以用了：记录会照常保存。", "The data folder can be used now: records are saved as usual.";
    FatalLookupStillWorks => "在数据文件夹能用之前，查提示照常可用，但什么都不会被记录。",
        "Until the data folder can be used, looking up prompts works, but nothing is recorded.";
    NotRecordedWithoutData => "没有记录：数据文件夹现在用不了。\n{reason}",
        "Not recorded: the data folder cannot be used now.\n{reason}";
    RecoveredTitle => "数据文件已损坏", "The data file was damaged";
    RecoveredBody => "原来的数据文件无法读取，已原样移到：\n{path}\n（没有删除，也没有改动。）现在用的是一个新的空白数据文件。",
        "The data file could not be read. It was moved, unchanged, to:\n{path}\n(Nothing was deleted or altered.) A new, empty data file is in use now.";
    RecoveredForeignTitle => "数据文件不是 POS Care 的数据", "The data file was another program's";
    RecoveredForeignBody => "数据文件夹里的 poscare.db 是别的程序的数据库，不是 POS Care 维护助手的数据。它已原样移到：\n{path}\n（没有删除，也没有改动。）现在用的是一个新的空白数据文件。",
        "The poscare.db in the data folder was another program's database, not POS Care's data. It was moved, unchanged, to:\n{path}\n(Nothing was deleted or altered.) A new, empty data file is in use now.";
    RecoveredOfferHolds => "这个备份里有：{counts}。", "This backup holds {counts}.";
    RecoveredOfferEmpty => "注意：这个备份里还没有任何设备、故障、检查或员工记录（多半是第一次打开时自动做的）。恢复它等于从空白开始；有 U 盘上的备份的话，请用那一份。", "Note: this backup holds no devices, incidents, checks or staff yet (most likely the automatic one from the first start). Restoring it is the same as starting empty; if there is a backup on a USB stick, use that one.";
    RecoveredOffer => "找到 {when} 的备份（已检查完好）。要从这个备份恢复吗？", "A verified backup from {when} was found. Restore from it?";
    RecoveredNoBackup => "没有找到可用的备份。如果您另存过备份（如 U 盘上），可以在“备份”页从备份文件恢复。", "No usable backup was found. If you kept a backup elsewhere (e.g. a USB stick), you can restore it on the Backups screen.";
    RecoveredNewerOutside => "注意：{when} 还往 U 盘等位置（{folder}）备份过一次，比这里找到的备份新，数据更全。要用那一份，请先点“先用空白数据”，再到“备份”页“从备份文件恢复”选它。", "Note: on {when} the data was also backed up to a USB stick or another folder ({folder}), which is newer than the backup found here and holds more. To use it, choose “Start empty for now”, then restore that file under Backups → Restore from a backup file.";
    StoreDataFolderGone => "数据文件夹所在的盘不见了（U 盘被拔出了？）。请把它插回原处；POS Care 不会在这台电脑的别处另建数据。", "The disk the data folder is on has gone (a USB stick taken out?). Plug it back in where it was; POS Care makes no data anywhere else on this PC.";
    StrayLogMoved => "数据文件旁边的日志文件（-wal）不是它自己的（多半是手工把备份复制过来时留下的），读进来会弄坏数据。它已原样移到：\n{path}\n数据文件本身完好，照常使用。", "The log file (-wal) beside the data file was not its own (most likely left when a backup was copied over it by hand); read in, it would have damaged the data. It was moved, unchanged, to:\n{path}\nThe data file itself is sound and in use.";
    DataRebuilt => "数据文件有一处损坏，但只坏在索引里（索引是数据库为了查得快另存的目录，能从记录重新生成）。全部记录已复制到新的数据文件，照常使用，什么都没有丢。损坏的文件原样保存在：\n{path}\n如果再次出现，硬盘可能快坏了：请尽快备份到 U 盘。", "The data file was damaged, but only in an index (a list the database keeps to find records fast, which can be built again from them). Every record was copied into a new data file, which is in use: nothing was lost. The damaged file is kept, unchanged, at:\n{path}\nIf this happens again, the disk may be failing: back up to a USB stick soon.";
    RebuildFailed => "数据文件只坏在索引里，本来能用全部记录重建，这次却没做成（{why}）。全部记录都还在原样保存的文件里：\n{path}\n请把这句话告诉技术人员，他们可以从这个文件取回记录。", "The data file was damaged only in an index and could have been rebuilt with every record, but this failed ({why}). Every record is still in the file kept unchanged at:\n{path}\nShow this to a technician, who can get the records back from it.";
    LogDamaged => "数据文件旁边的日志文件（-wal）中间有损坏：最近保存的一些改动可能读不出来了。打开之前，已把数据文件和日志原样复制到：\n{path}\n请把这句话告诉技术人员，他们可以从中取回这些改动。", "The log file (-wal) beside the data file is damaged in the middle: some of the latest changes may not be read. Before opening, the data file and its log were copied, unchanged, to:\n{path}\nShow this to a technician, who can get those changes back from it.";
    DataFilePutBack => "数据文件（或它旁边的日志文件 -wal）刚才被别的程序删掉或换掉了。窗口里的数据已经原样写回原处，什么都没有丢。如果是清理软件删的，请把 POS Care 的数据文件夹加入它的白名单。", "The data file (or its log beside it, the -wal file) was just deleted or replaced by another program. The window's data has been written back in its place; nothing was lost. If a cleaning tool did it, add POS Care's data folder to its exceptions.";
    RestoreFromBackup => "从备份恢复", "Restore from backup";
    StartEmpty => "先用空白数据", "Start empty for now";
    Restored => "已从备份恢复：{file}。原来的数据已先另存一份备份。", "Restored from the backup {file}. The data it replaced was backed up first.";
    RestoredNothingReplaced => "已从备份恢复：{file}。原来没有数据，不需要先备份。", "Restored from the backup {file}. There was no data before, so nothing needed backing up.";
    // Store errors (StoreError::message): what went wrong, in the user's language.
    StoreNoDevice => "找不到这台设备。", "This device is not in the records.";
    StoreNoTask => "找不到这项任务。", "This task is not in the records.";
    StoreNoPerson => "员工名单里没有这个人。", "This person is not in the staff list.";
    StoreNoIncident => "找不到这条故障记录。", "This incident is not in the records.";
    StoreNoOutage => "找不到这次收款中断的记录。", "This outage is not in the records.";
    StoreNoPlan => "找不到这份应急预案。", "This emergency plan is not in the records.";
    StoreNoContact => "找不到这个联系人。", "This contact is not in the records.";
    StoreNoHistoryEntry => "找不到这条维护记录。", "This history entry is not in the records.";
    StoreOutageEnded => "这次收款中断已经结束了。", "This outage has already ended.";
    StoreEndBeforeStart => "结束时间不能早于开始时间。", "The end cannot be before the start.";
    StoreReasonRequired => "请写明原因。", "Please give a reason.";
    StoreAlreadyVoid => "这条记录已经作废了。", "This entry is already void.";
    StoreIncidentVoided => "这次故障的登记已作废，不能再处理或重新打开。", "This incident's record was voided: it cannot be resolved, handed on or reopened.";
    StoreDiskFull => "磁盘已满。", "The disk is full.";
    RoomLow => "存放数据的磁盘只剩 {size} 空间。磁盘满了以后，新的记录就存不进去了。请尽快清理一些空间（例如清空回收站、删除不用的下载文件）。", "Only {size} left on the disk that holds POS Care's data. Once it is full, new records cannot be saved. Please free some space soon (empty the Recycle Bin, delete old downloads).";
    RoomFull => "存放数据的磁盘快满了（不到 16 MB），新的记录随时可能存不进去。请马上清理一些空间（例如清空回收站、删除不用的下载文件）。", "The disk that holds POS Care's data is nearly full (less than 16 MB left): new records may fail to save at any moment. Please free some space now (empty the Recycle Bin, delete old downloads).";
    StoreReadOnly => "数据文件或它所在的文件夹是只读的。", "The data file or its folder is read-only.";
    StoreIo => "读写数据文件时磁盘出错。请看看：数据文件夹是不是被设成了只读，放数据的 U 盘或移动硬盘是不是拔掉了，磁盘是不是满了。处理好后再试一次。", "The disk gave an error while reading or writing the data file. Please check that the data folder has not been made read-only, that the USB stick or external disk holding it is still plugged in, and that the disk is not full; then try again.";
    StoreDamaged => "数据文件读不出来：可能是文件损坏，也可能是硬盘或 U 盘一时读取出错。什么都没有移走或删除。如果一直这样，请关掉窗口再打开，POS Care 启动时会检查数据文件。", "The data file could not be read: it may be damaged, or the disk or USB stick failed to read for a moment. Nothing was moved or deleted. If it keeps happening, close the window and open it again: POS Care checks the data file as it starts.";
    StoreOther => "数据库出错：{detail}", "A database error: {detail}";
    ErrRead => "读取数据时出错：{detail}", "Could not read the data: {detail}";
    // Data safety: the state of the data file, recovery, and where files may be written.
    RecoveredMissingTitle => "找不到数据文件", "The data file is missing";
    RecoveredMissingBody => "数据文件夹里没有数据文件，但有以前的备份。可能是文件被删掉或移走了。现在用的是一个新的空白数据文件。",
        "There is no data file in the data folder, but there are earlier backups. The file may have been deleted or moved. A new, empty data file is in use now.";
    RecoveredEmptyTitle => "数据文件是空的", "The data file is empty";
    RecoveredEmptyBody => "数据文件是空的（0 字节），但有以前的备份。可能是断电或磁盘出错造成的。现在用的是一个新的空白数据文件。",
        "The data file is empty (0 bytes), but there are earlier backups. A power cut or a disk error may have caused this. A new, empty data file is in use now.";
    UncheckedNotice => "这次没能检查数据文件（{why}）。文件没有移动也没有改动，一分钟后会再检查。", "The data file could not be checked this time ({why}). Nothing was moved or changed; it will be checked again in a minute.";
    UncheckedDiskFull => "磁盘已满", "the disk is full";
    UncheckedBusy => "文件正被其他程序使用", "another program is using the file";
    UncheckedStopped => "检查意外中断", "the check stopped unexpectedly";
    UncheckedUnsteady => "同一个文件两次读出来的内容不一样（硬盘或 U 盘可能出了问题）", "the file read differently from one time to the next (the disk or USB stick may be failing)";
    UncheckedReadFailed => "磁盘或 U 盘读取出错，文件没能读完（U 盘是不是拔掉了？）", "the disk or USB stick gave a read error before the file was read through (was the stick pulled out?)";
    UncheckedIo => "读取出错：{detail}", "a read error: {detail}";
    OpenNotAFolder => "指定的数据文件夹其实是一个文件：\n{path}\n请用 --data-dir 指定一个文件夹。", "The data folder given is a file, not a folder:\n{path}\nPlease give a folder with --data-dir.";
    OpenDamaged => "数据文件已损坏：\n{path}\n{detail}\n文件没有改动。请打开 POS Care 维护助手窗口来恢复：它会把损坏的文件原样移开；只坏在索引里就用全部记录重建数据文件，否则提供最新的完好备份。",
        "The data file is damaged:\n{path}\n{detail}\nThe file was not changed. Open POS Care (the window) to recover: it sets the damaged file aside unchanged, then rebuilds the data file with every record if the harm lies only in an index, or else offers the newest good backup.";
    OpenForeign => "数据文件不是 POS Care 维护助手的数据（是其他程序的数据库）：\n{path}\n文件没有改动。请打开 POS Care 维护助手窗口来恢复。",
        "The data file is not POS Care data (it is another program's database):\n{path}\nThe file was not changed. Open POS Care (the window) to recover.";
    OpenLost => "数据文件不见了或是空的，但有完好的备份：\n{backup}\n请打开 POS Care 维护助手窗口从这份备份恢复，或运行 poscare restore 加上这份备份文件。\n{path}",
        "The data file is missing or empty, but there is a good backup:\n{backup}\nOpen POS Care (the window) to restore it, or run poscare restore with that backup file.\n{path}";
    OpenInUse => "数据文件已损坏，但另一个程序（可能是杀毒软件）正占用着它，所以没能移开。文件没有改动。请稍等一会儿或关掉那个程序，再打开 POS Care 维护助手。\n{path}",
        "The data file is damaged, but another program (perhaps an antivirus) is holding it, so it could not be set aside. The file was not changed. Wait a moment or close that program, then open POS Care again.\n{path}";
    OpenCouldNotCheck => "没能检查数据文件（{why}）。文件没有改动{later}。\n{path}", "Could not check the data file ({why}). Nothing was changed{later}.\n{path}";
    // After "nothing was changed" when a retry may help (a busy file, a read error), and left
    // out when it cannot (no permission, a read-only drive, a name too long).
    TryLaterTail => "，请稍后再试", "; please try again later";
    CheckOk => "正常：{path}", "OK: {path}";
    CliLogDamagedExport => "数据文件 {path} 旁边的日志文件（-wal）中间有损坏，导出的记录会缺少损坏之后保存的改动，所以没有导出。请打开 POS Care 窗口，它会先把数据文件和日志原样复制一份留给技术人员，再打开能读的数据。", "The log file (-wal) beside {path} is damaged in the middle: an export would leave out the changes saved after the damage, so nothing was exported. Open the POS Care window: it first copies the data file and its log, unchanged, for a technician, then opens what it can read.";
    CliLogDamagedRead => "数据文件 {path} 旁边的日志文件（-wal）中间有损坏：这里显示的内容缺少损坏之后保存的改动。请打开 POS Care 窗口，它会先把数据文件和日志原样复制一份留给技术人员。", "The log file (-wal) beside {path} is damaged in the middle: what is shown here leaves out the changes saved after the damage. Open the POS Care window: it first copies the data file and its log, unchanged, for a technician.";
    CheckLogDamaged => "日志有损坏：{path}\n数据文件本身能读，但旁边的日志文件（-wal）中间有损坏，之后保存的一些改动会读不出来。什么都没有改动。请打开 POS Care 窗口：它会先把数据文件和日志原样复制到 damaged 文件夹，再把这句话告诉技术人员。", "LOG DAMAGED: {path}\nThe data file reads, but its log file (-wal) is damaged in the middle, and some changes saved after the damage cannot be read. Nothing was changed. Open the POS Care window: it first copies the data file and its log, unchanged, into the damaged folder; then show this to a technician.";
    CheckBroken => "但有 {n} 条记录不合规则（{groups}）。数据文件本身没有损坏，这些记录原样留着，没有删除；请把这句话告诉技术人员，他们可以修复。", "But {n} {n|record breaks|records break} a rule ({groups}). The data file itself is not damaged, and {n|it stays|they stay} unchanged, never deleted; show this to a technician, who can repair {n|it|them}.";
    CheckUnreadable => "读不出来，暂时不显示：{which}", "cannot be read, left out for now: {which}";
    CheckDangling => "照常显示但不合规则：{which}", "shown as they are but breaking a rule: {which}";
    CheckNoData => "正常：{path} 里还没有数据", "OK: no data yet in {path}";
    CheckNoFolder => "找不到数据文件夹：{path}\n路径写对了吗？用 U 盘随身版时，U 盘插好了吗？（还没打开过 POS Care 窗口的话，这里本来就还没有数据。）", "NO SUCH DATA FOLDER: {path}\nIs the path right? With the portable copy on a USB stick: is the stick plugged in? (If the POS Care window was never opened, there is no data here yet.)";
    CheckOlder => "正常：{path}\n这是旧版 POS Care 的数据（数据版本 {found}）。打开一次 POS Care 窗口，它会先备份，再升级到版本 {supported}。", "OK: {path}\nThis is data of an older POS Care (data version {found}). Open the POS Care window once: it backs the data up, then upgrades it to version {supported}.";
    CheckEmpty => "正常：数据文件是空的，还没有记录：{path}", "OK: the data file is empty, nothing recorded yet: {path}";
    CheckLost => "数据丢失：数据文件不见了或是空的，但有 {when} 的完好备份。请打开 POS Care 维护助手窗口从这份备份恢复，或运行 poscare restore 加上这份备份文件。\n{path}",
        "DATA MISSING: the data file is missing or empty, but there is a good backup from {when}. Open POS Care (the window) to restore it.\n{path}";
    CheckNewer => "版本较新：这个数据文件由更新版本的 POS Care 维护助手写入（数据版本 {found}，本程序支持到 {supported}）。请安装最新版本。文件没有改动。\n{path}",
        "NEWER VERSION: this data file was written by a newer POS Care (data version {found}; this program reads up to {supported}). Please install the newest version. The file was not changed.\n{path}";
    CheckForeign => "不是 POS Care 维护助手的数据：这是其他程序的数据库。请打开 POS Care 维护助手窗口来恢复。文件没有改动。\n{path}",
        "NOT POS CARE DATA: this is another program's database. Open POS Care (the window) to recover. The file was not changed.\n{path}";
    CheckDamaged => "已损坏：{path}\n  {detail}\n请打开 POS Care 维护助手窗口来恢复：它会把损坏的文件原样移开；只坏在索引里就用全部记录重建数据文件，否则提供最新的完好备份。",
        "DAMAGED: {path}\n  {detail}\nOpen POS Care (the window) to recover: it sets the damaged file aside unchanged, then rebuilds the data file with every record if the harm lies only in an index, or else offers the newest good backup.";
    CheckBackupHint => "最新的完好备份：{when}（{path}）", "Newest good backup: {when} ({path})";
    CheckCouldNot => "无法检查：{why}。文件没有改动{later}。\n{path}", "COULD NOT CHECK: {why}. Nothing was changed{later}.\n{path}";
    VerifyNotAFile => "这不是一个普通文件（可能是文件夹或设备），不能从它恢复。", "This is not a plain file (perhaps a folder or a device); nothing can be restored from it.";
    UnsavedTitle => "还有没保存的内容", "Not saved yet";
    UnsavedBody => "这些页面上填了还没保存的内容：{screens}。现在关掉窗口，这些内容就没有了。", "Something typed on these screens is not saved yet: {screens}. Closing the window now loses it.";
    UnsavedGoBack => "回去保存", "Go back to it";
    UnsavedCloseAnyway => "不保存，关闭窗口", "Close without saving";
    VerifyEdited => "这个文件里有 POS Care 从来不会写的东西（{part}），是被别的程序改过的，不能用它来恢复。", "This file holds something POS Care never writes ({part}): another program changed it, and it cannot be restored from.";
    CheckEdited => "数据文件里有 POS Care 从来不会写的东西：{path}\n（{part}）是别的程序加进去的，每次保存都会运行它，用这份数据做的备份也不能用来恢复。请让技术人员看一下。", "The data file holds something POS Care never writes: {path}\n({part}) was added by another program; it runs on every save, and backups of this data cannot be restored. Please have a technician look at it.";
    VerifyChanged => "这个文件在检查之后变了（可能换了一个 U 盘，或者别的程序改写了它），所以没有恢复，现在的数据没有任何改动。请重新选择这个文件，再检查一次。", "The file changed after it was checked (another USB stick, or another program wrote to it), so nothing was restored and the data is unchanged. Choose the file again to check it once more.";
    VerifyIsTheData => "这就是现在正在用的数据文件，不能用它自己来恢复。请选 backups 文件夹里或 U 盘上的备份文件。", "This is the data file in use now; it cannot be restored from itself. Choose a backup file from the backups folder or a USB stick.";
    BackupErrDiskFullAt => "这个文件夹所在的盘已满，备份没有写完：\n{dir}\n请在那个盘上清理一些空间（或换一个有空间的 U 盘）后再试。现有的数据和已有的备份都没有改动。", "The disk holding this folder is full, so the backup could not be finished:\n{dir}\nFree some space on that disk (or use a USB stick with room) and try again. The current data and any earlier backups are unchanged.";
    RestoreErrNoRoom => "这台电脑的磁盘空间不够：恢复这份备份大约需要 {needed}，现在只剩 {free}。请清理一些空间（例如清空回收站）后再试。现有的数据没有改动。", "There is not enough room on this PC's disk: restoring this backup needs about {needed}, and {free} is free. Free some space (empty the Recycle Bin, say) and try again. The current data is unchanged.";
    BackupErrDiskFull => "磁盘已满，没有写完。请清理一些空间后再试。现有的数据和已有的备份都没有改动。", "The disk is full, so this could not be finished. Please free some space and try again. The current data and any earlier backups are unchanged.";
    FileErrNoName => "请填写文件名。", "Please give a file name.";
    FileErrInsideData => "不能写到数据文件夹里：\n{path}\n那里只放程序自己的数据。请选别的位置，比如桌面或 U 盘。", "Files cannot be written into the data folder:\n{path}\nIt holds the app's own data only. Please choose another place, such as the desktop or a USB stick.";
    FileErrIsDatabase => "这个文件是一个数据库（可能是数据或备份），不能覆盖：\n{path}\n请换一个文件名。", "This file is a database (perhaps data or a backup) and cannot be overwritten:\n{path}\nPlease choose another name.";
    FileErrNotAFile => "这里不是一个普通文件（可能是文件夹或设备），不能写入：\n{path}", "This is not a plain file (perhaps a folder or a device), so it cannot be written:\n{path}";
    FileErrReadOnlyFile => "这个文件设成了只读，所以没有替换它：{path}\n请换一个文件名，或先在文件属性里取消“只读”。", "This file is read-only, so it was not replaced: {path}\nChoose another name, or clear its read-only attribute first.";
    FileErrExists => "文件已经存在：\n{path}\n要替换它吗？", "The file already exists:\n{path}\nReplace it?";
    FileErrNoFolder => "找不到这个文件夹：\n{path}", "There is no such folder:\n{path}";
    DataDirNoParent => "找不到数据文件夹所在的文件夹：\n{path}\nU 盘插好了吗？POS Care 只会新建最后一层文件夹，不会把整条路径建在电脑自己的盘上。", "The folder above the data folder is not there:\n{path}\nIs the USB stick plugged in? POS Care makes only the last folder of the path, never the whole path on the PC's own disk.";
    FileErrNoParent => "找不到这个文件夹：\n{path}\nU 盘插好了吗？备份只会新建最后一层文件夹，不会把整条路径建在电脑自己的盘上。", "There is no such folder:\n{path}\nIs the USB stick plugged in? A backup makes only the last folder of its path, never the whole path on the PC's own disk.";
    FileErrDiskFull => "磁盘已满，文件没有写成。原来的文件没有改动。", "The disk is full; the file was not written. Any earlier file is unchanged.";
    FileErrInUse => "文件正被其他程序打开（比如 Excel），不能替换：\n{path}\n请先关掉它再试。", "Another program (such as Excel) has the file open, so it cannot be replaced:\n{path}\nPlease close it and try again.";
    FileErrIo => "写文件时出错：{detail}", "Writing the file failed: {detail}";
    // Plain causes of a file error ([`crate::files::Cause`]), inside the sentences above.
    CauseNoPermission => "这个账户没有权限读写这里，请换一个文件夹，或请管电脑的人开放权限", "this account has no permission to read or write here: choose another folder, or ask whoever looks after the PC to allow it";
    CauseReadOnly => "这个盘是只读的，U 盘可能打开了写保护开关", "the drive is read-only: the USB stick's write-protect switch may be on";
    CauseReadOnlyHere => "这台电脑上的这个文件夹是只读的，写不进去", "the folder on this PC is read-only";
    CauseDiskFull => "磁盘已满，请清理一些空间，或换一个有空间的盘", "the disk is full: free some space, or choose a drive with room";
    CauseNameTooLong => "路径或文件名太长，请选一个短一些的位置", "the path or a name in it is too long: choose a shorter place";
    // Data safety II (issue 19): a folder that is a file, a disk that did not confirm, a USB
    // stick pulled, a backup not recorded, and the command line's date ranges.
    FileErrNotAFolder => "目标是一个文件，不是文件夹：\n{path}\n请选择一个文件夹，比如 U 盘。", "The target is a file, not a folder:\n{path}\nPlease choose a folder, such as the USB stick.";
    FileErrUnconfirmed => "文件已经写入，但磁盘没有确认它已保存好（{detail}）：\n{path}\nU 盘是否被拔出了？请检查后重新保存一次。", "The file was written, but the disk did not confirm that it is stored ({detail}):\n{path}\nWas the USB stick pulled out? Please check it and save again.";
    BackupErrLasting => "备份没有做成，也没有记为已备份：{why}。", "The backup was not made and is not recorded as done: {why}.";
    BackupErrTargetGone => "U 盘被拔出或无法写入（{detail}）。这次备份没有做成，也没有记为已备份。请插好 U 盘（确认没有写保护）后再试。", "The USB stick was removed or cannot be written ({detail}). The backup was not made and is not recorded as done. Plug the stick in again (and check it is not write-protected), then try again.";
    BackupErrUnconfirmed => "备份已经写到 {path}，但 U 盘没有确认它已保存好（{detail}）。这份备份不算数，没有记为已备份：请检查 U 盘后重新备份。", "The copy was written to {path}, but the USB stick did not confirm that it is stored ({detail}). It does not count as a backup and is not recorded as done: please check the stick and back up again.";
    BackupNotRecorded => "备份已写好并检查通过：{path}\n但这次备份没能记进数据里（{detail}），所以上次备份的日期和备份任务都没有更新。请稍后再备份一次；如果一直不行，请在这台电脑的磁盘上清理一些空间后再试。", "The backup was written and verified: {path}\nBut it could not be recorded in the data ({detail}), so the date of the last backup and the backup tasks were not updated. Please back up again later; if it keeps failing, free some space on this PC's disk and try again.";
    BackupTasksDone => "计划里的 {n} 个备份任务已标记完成。", "{n} backup {n|task|tasks} in the plan marked done.";
    CliRangeReversed => "开始日期 {from} 晚于结束日期 {to}。请给一个早一些的 --from，或晚一些的 --to。", "The start date {from} is after the end date {to}. Give an earlier --from or a later --to.";
    CliPeriodTooLong => "时间段超过 {years} 年，请给一个短一些的 --from 到 --to。", "The period is longer than {years} years; please give a shorter range with --from and --to.";
    CliFromAfterToday => "开始日期 {from} 晚于今天（{today}）；不给 --to 时，结束日期就是今天。请给一个不晚于今天的 --from，或者同时给出 --to。", "The start date {from} is after today ({today}); without --to the period ends today. Give a --from no later than today, or a --to as well.";
    // The command line (issue 21): its help in the system's language, and what it says.
    HelpUsage => "用法：", "Usage: ";
    HelpCommands => "命令：", "Commands:";
    HelpArguments => "参数：", "Arguments:";
    HelpOptions => "选项：", "Options:";
    HelpAbout => "POS Care 维护助手：查刷卡终端提示的意思、日常维护和记录。不带命令时打开窗口。\n窗口开着时，读取数据的命令（today、check、export、insights）也能用：它们向窗口要一份数据副本来读。",
        "POS Care 维护助手: card-terminal prompt lookup, preventive maintenance and records for small shops. Without a command it opens the window.\nWhile the window is open, the commands that read (today, check, export, insights) still work: they read a copy the window gives them.";
    HelpFlag => "显示这份帮助", "Print this help";
    HelpVersion => "显示版本号", "Print the version";
    HelpDataDir => "使用这个数据文件夹，而不是默认的（也可以设置环境变量 POSCARE_DATA_DIR）", "Use this data folder instead of the default (or set the environment variable POSCARE_DATA_DIR)";
    HelpExitAfterFirstFrame => "打开窗口，画出第一帧后在 stderr 上输出 “first frame: N ms” 并退出（测试用）", "Open the window, draw the first frame, print \"first frame: N ms\" on stderr and exit (for tests)";
    HelpRenderer => "用这种方式画窗口，不管“设置”里怎么选：gl（OpenGL，适合旧的或有问题的显卡驱动）或 wgpu（默认）", "Draw the window this way, whatever Settings say: gl (OpenGL, for old or broken graphics drivers) or wgpu (the default)";
    HelpCheck => "检查数据有没有损坏，不做任何改动：输出 OK 或问题所在（退出码 0；不正常时 1）", "Check the data for damage without changing anything: prints OK or what is wrong (exit code 0, or 1 when it is not OK)";
    HelpBackup => "把数据库的一份检查过的副本写到一个文件夹（比如 U 盘）里，并输出它的路径", "Write a verified copy of the database into a folder (such as a USB stick) and print its path";
    HelpBackupTo => "备份写到这个文件夹（没有就新建）", "The folder to write the backup into (created if missing)";
    HelpRestore => "用一份备份替换现在的数据：先检查备份，并先备份现在的数据。不是完好的 POS Care 备份时，什么都不改。", "Replace the data with a backup, after checking it and backing up the current data. A file that is not a good POS Care backup changes nothing.";
    HelpRestoreYes => "在终端里运行时也不再询问，直接恢复", "Do not ask at a terminal before replacing the data";
    CliRestoreSummary => "备份文件 {file} 里有：{backup}（最新的记录：{newest}）。它将替换现在的数据：{now}（最新的记录：{now_newest}）。现在的数据会先备份到数据文件夹的 backups 里。", "The backup {file} holds {backup} (newest record: {newest}). It replaces the current data: {now} (newest record: {now_newest}). The current data is backed up first into the backups folder of the data folder.";
    CliRestoreSummaryEmpty => "备份文件 {file} 里有：{backup}（最新的记录：{newest}）。这里还没有数据，不会替换任何东西。", "The backup {file} holds {backup} (newest record: {newest}). There is no data here yet: nothing is replaced.";
    CliRestoreAsk => "要用这份备份替换现在的数据吗？输入 y 确认：", "Replace the current data with this backup? Type y to confirm:";
    CliRestoreNotAgreed => "没有恢复，现在的数据没有任何改动。", "Not restored; the current data is unchanged.";
    HelpRestoreFile => "备份文件（比如 poscare backup --to 写出的文件）", "The backup file (for example from poscare backup --to DIR)";
    HelpToday => "输出当天要做的事：过期的、今天的、接下来七天的、已经做完的，以及谁需要培训。只读数据，不做改动。", "Print the day's agenda: overdue, due today and the next seven days, what was finished, and who needs training. Reads the data without changing it.";
    HelpJson => "在 stdout 上输出一个 JSON 对象，而不是文字", "Print one JSON object on stdout instead of text";
    HelpTodayDate => "要看的日期（默认今天）", "The day to show (default: today)";
    HelpExport => "把维护记录导出为 Excel 能打开的 CSV（UTF-8 带 BOM），或用 --html 导出可打印的报告（默认本月）。不会写进数据文件夹，也不会覆盖数据库；文件已存在时要加 --force。", "Export the history as CSV for Excel (UTF-8 with BOM), or with --html as a printable report (default: this month). Never into the data folder, never over a database; an existing file only with --force.";
    HelpExportFile => "要写的文件（新文件完整写好后才替换）", "The file to write (replaced only once the new one is complete)";
    HelpExportForce => "文件已经存在时替换它", "Replace FILE if it already exists";
    HelpExportHtml => "写可打印的 HTML 报告，而不是 CSV", "Write the printable HTML report instead of CSV";
    HelpFrom => "从这一天开始", "Only from this day on";
    HelpTo => "到这一天为止", "Only up to this day";
    HelpDevice => "只看一台设备（按登记的名称或编号）", "Only one device, by its name as registered (or its number)";
    HelpExportLang => "标题用的语言：zh 或 en（默认跟程序设置一样）", "The language of the headings: zh or en (default: the app's)";
    HelpInsights => "输出一段时间里的提醒（同一台终端反复出同样的故障等）和每月数字（默认最近 12 个月）。只读数据，不做改动。", "Print the warnings (a fault that keeps coming back on one terminal, and more) and the monthly figures of a period (default: the last 12 months). Reads the data without changing it.";
    HelpLookup => "查一个刷卡终端提示或代码（51、余额不足、yebz、insufficient funds），输出它的意思和该怎么做。不需要数据文件夹。", "Look up a card-terminal prompt or code (51, 余额不足, yebz, insufficient funds) and print what it means and what to do. Needs no data folder.";
    HelpLookupLimit => "最多显示这么多条结果（默认 5）", "Show at most this many results (default: 5)";
    HelpLookupLang => "回答用的语言：zh 或 en（默认跟系统一样）", "The language of the answer: zh or en (default: the system's)";
    HelpLookupQuery => "终端上显示的提示或代码；几个词用空格连起来。提示以“-”开头时（“-55 退款失败”），选项要写在它前面。", "The prompt or code as the terminal shows it; several words are joined by spaces. A prompt may begin with \"-\" (\"-55 退款失败\"): options go before it.";
    HelpClose => "关闭在这个数据文件夹上打开的 POS Care 窗口，并等它完全退出：正在进行的备份会先做完；和安装程序一样不等人回答，表格里输入了还没保存的内容不会留下（点窗口的 × 会先问）", "Close the POS Care window open on the data folder and wait until it has exited: a running backup is finished first; like the installer it asks nobody, so a form typed into and not saved is not kept (the window's × asks first)";
    HelpCloseWait => "最多等这么多秒（默认 30）", "Wait at most this many seconds (default: 30)";
    CliExported => "{file}（{n} 条记录）", "{file} ({n} entries)";
    CliNothingWritten => "{detail}；什么都没有写入", "{detail}; nothing was written";
    CliCouldNotWrite => "没能写入 {file}：{detail}；什么都没有写入", "could not write {file}: {detail}; nothing was written";
    CliRestored => "已从 {file} 恢复；被替换的数据已经先备份到 {backups}", "restored from {file}; the data it replaced was backed up into {backups}";
    CliExportExists => "{path} 已经存在；要替换它，请加上 --force", "{path} already exists; add --force to replace it";
    CliSeveralDevices => "“{wanted}”能指好几台设备：{names}。请写出其中一台的编号（如 #{number}），或只属于它的名字、终端号、序列号", "\"{wanted}\" fits several devices: {names}. Give one of their numbers (such as #{number}), or a name, terminal ID or serial number only that one has";
    CliNoSuchDevice => "没有叫“{wanted}”的设备；现有设备：{names}", "no device \"{wanted}\"; the devices are: {names}";
    CliNoSuchDeviceNone => "没有叫“{wanted}”的设备；还没有登记任何设备", "no device \"{wanted}\"; no devices are registered yet";
    CliRestoredNothingReplaced => "已从 {file} 恢复（原来没有数据，不需要先备份）", "restored from {file} (there was no data before, so nothing needed backing up)";
    CliClockDayUsed => "这次按 {day}（最后一个可信的日期）显示。打开 POS Care 窗口就能确认今天的日期。", "Shown for {day}, the last trustworthy day. Open the POS Care window to confirm today's date.";
    CliRestoreFailed => "什么都没有改动：{file}：{detail}", "nothing was changed: {file}: {detail}";
    CliRestoreSetAsideForeign => "数据文件夹里的 poscare.db 不是 POS Care 的数据文件（是别的程序的数据库），已原样移到 {path}（没有删除），再从备份恢复。", "The poscare.db in the data folder was not a POS Care data file (another program's database); it was moved, unchanged, to {path} (nothing deleted) before restoring.";
    CliRestoreSetAside => "原来的数据文件已损坏，已原样移到 {path}（没有删除），再从备份恢复。", "The data file was damaged; it was moved, unchanged, to {path} (nothing deleted) before restoring.";
    CliRestoreFailedAfterSetAside => "没能从 {file} 恢复：{detail}。损坏的数据文件已经移开；打开 POS Care 窗口，它会提出用最新的备份恢复，或者用另一个备份文件再运行 poscare restore。", "could not restore from {file}: {detail}. The damaged data file has been moved aside; open POS Care (the window) and it offers the newest backup, or run poscare restore again with another backup file.";
    CliNoDataYet => "这个数据文件夹里还没有数据：{path}", "no data yet in {path}";
    CliNoHome => "找不到用户文件夹；请用 --data-dir 指定数据文件夹", "no home folder found; please choose a data folder with --data-dir";
    CliOwnEntriesSkipped => "这次没有搜索你自己添加的条目：{why}", "your own entries are not searched: {why}";
    CliCannotPrint => "无法输出结果：{detail}", "cannot write the output: {detail}";
    CliNoDeviceNoData => "没有这台设备：还没有任何数据", "no device: there is no data yet";
    CliBroughtToFront => "POS Care 维护助手已经在这个数据文件夹上打开，已把它的窗口切换到最前面", "POS Care is already open on this data folder; its window was brought to the front";
    CliBusyHint => "窗口开着时，读取数据的命令（today、check、export、insights）会向窗口要一份副本来读；备份和恢复请在窗口的“备份”页面做，或者先关闭窗口（poscare close）再运行命令。如果并没有窗口开着，就是另一个命令正在用这些数据：请等它结束再试。", "While the window is open, the commands that read (today, check, export, insights) read a copy the window gives them; back up and restore on the window's Backups screen, or close the window first (poscare close) and run the command then. If no window is open, another command is using the data: wait for it to finish and try again.";
    CliCopyFailed => "POS Care 的窗口开着，正在使用这个数据文件夹：\n{path}\n但它没有给这个命令一份数据副本（{why}）。窗口可能正在备份或恢复，也可能没有响应。请过一分钟再试；如果窗口一直没反应，先把它关掉（poscare close；不行的话，在 Windows 的任务管理器、Mac 的活动监视器或 Linux 的系统监视器里结束它）再运行命令。", "POS Care's window is open and using this data folder:\n{path}\nbut it gave this command no copy of the data ({why}). The window may be busy with a backup or a restore, or not responding. Try again in a minute; if the window stays unresponsive, close it first (poscare close; failing that, end it in Task Manager on Windows, Activity Monitor on a Mac or the system monitor on Linux) and run the command then.";
    CliCloseHeldSilent => "有 POS Care 正在使用这个数据文件夹，但它没有回应关闭请求：{path}\n如果是窗口，请在窗口上点 × 关闭；如果是正在运行的命令，请等它结束。", "POS Care is using this data folder but did not answer the request to close: {path}\nIf it is a window, close it with its × button; if it is a command still running, wait for it to end.";
    CliCloseNotOpen => "这个数据文件夹上没有打开的 POS Care 窗口：{path}", "No POS Care window is open on this data folder: {path}";
    CliClosed => "POS Care 维护助手已关闭。", "POS Care has closed.";
    CliCloseRefused => "打开的 POS Care 没有答应关闭（可能是旧版本）。请点它窗口右上角的 × 关闭它。", "The open POS Care did not agree to close (it may be an older version). Close it with the × at the top right of its window.";
    CliCloseTimedOut => "POS Care 在 {seconds} 秒内没有关闭。请点它窗口右上角的 × 关闭它；如果它正在备份，请等备份做完。", "POS Care did not close within {seconds} seconds. Close it with the × at the top right of its window; if it is backing up, wait until the backup is done.";
    CliConsoleLauncherFailed => "无法启动 {path}：{detail}", "cannot start {path}: {detail}";
    ReplaceFile => "替换", "Replace";
    // Settings
    SettingsTitle => "设置", "Settings";
    SetLanguage => "界面语言", "Language";
    SetTheme => "外观", "Appearance";
    ThemeSystem => "跟随系统", "Follow system";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    SetZoom => "界面大小", "Text and button size";
    SetDataFolder => "数据文件夹", "Data folder";
    OpenFolder => "打开文件夹", "Open folder";
    OpenFolderFailed => "无法打开文件夹：{detail}", "Could not open the folder: {detail}";
    BackupFolderLabel => "备份到的文件夹", "Folder to back up to";
    BackupChoose => "选择文件夹…", "Choose folder…";
    BackupStart => "开始备份", "Start backup";
    BackupRunning => "正在备份并检查… 已用 {secs} 秒", "Backing up and checking… {secs} s";
    BackupDone => "备份完成并已检查：{path}", "Backup written and verified: {path}";
    BackupFailed => "备份失败：{detail}", "Backup failed: {detail}";
    BackupNoFolder => "请先选择或填写要备份到的文件夹。", "Please choose or type the folder to back up to.";
    AutoBackupNone => "还没有自动备份。", "No automatic backups yet.";
    // Planner (schedule descriptions): keys below this line belong to src/planner/.
    PlanOnce => "仅一次：{date}", "once, on {date}";
    PlanDaily => "每天", "every day";
    PlanWeekly => "每{days}", "every {days}";
    PlanMonToFri => "每周一至周五", "every Monday to Friday";
    PlanMonthlyOnDay => "每月 {day} 日", "every month on day {day}";
    PlanMonthlyLastDay => "每月最后一天", "on the last day of every month";
    PlanShortMonthNote => "（该月没有这一天时取最后一天）", " (the last day in shorter months)";
    PlanEveryNDays => "每 {n} 天", "every {n} {n|day|days}";
    PlanEveryNDaysFrom => "从 {date} 起每 {n} 天", "every {n} {n|day|days} from {date}";
    PlanEveryWeek => "每周", "every week";
    PlanEveryNWeeks => "每 {n} 周", "every {n} {n|week|weeks}";
    PlanEveryNWeeksOn => "每 {n} 周的{weekday}", "every {n} {n|week|weeks} on {weekday}";
    PlanEveryMonth => "每月", "every month";
    PlanEveryNMonths => "每 {n} 个月", "every {n} {n|month|months}";
    PlanEveryNMonthsOn => "每 {n} 个月的 {day} 日", "every {n} {n|month|months} on day {day}";
    PlanYearly => "每年 {month} {day} 日", "every year on {month} {day}";
    PlanLeapDayNote => "（平年为 2 月 28 日）", " (February 28 when there is no February 29)";
    PlanFromCompletion => "，按上次完成日起算", ", counted from the last completion";
    PlanClosedMove => "，遇到休息日顺延到下一个营业日", ", moved to the next open day on rest days";
    PlanClosedSkip => "，遇到休息日跳过", ", skipped on rest days";
    PlanMon => "周一", "Monday";
    PlanTue => "周二", "Tuesday";
    PlanWed => "周三", "Wednesday";
    PlanThu => "周四", "Thursday";
    PlanFri => "周五", "Friday";
    PlanSat => "周六", "Saturday";
    PlanSun => "周日", "Sunday";
    PlanMonNext => "、一", ", Monday";
    PlanTueNext => "、二", ", Tuesday";
    PlanWedNext => "、三", ", Wednesday";
    PlanThuNext => "、四", ", Thursday";
    PlanFriNext => "、五", ", Friday";
    PlanSatNext => "、六", ", Saturday";
    PlanSunNext => "、日", ", Sunday";
    PlanMonLast => "、一", " and Monday";
    PlanTueLast => "、二", " and Tuesday";
    PlanWedLast => "、三", " and Wednesday";
    PlanThuLast => "、四", " and Thursday";
    PlanFriLast => "、五", " and Friday";
    PlanSatLast => "、六", " and Saturday";
    PlanSunLast => "、日", " and Sunday";
    PlanMonth1 => "1 月", "January";
    PlanMonth2 => "2 月", "February";
    PlanMonth3 => "3 月", "March";
    PlanMonth4 => "4 月", "April";
    PlanMonth5 => "5 月", "May";
    PlanMonth6 => "6 月", "June";
    PlanMonth7 => "7 月", "July";
    PlanMonth8 => "8 月", "August";
    PlanMonth9 => "9 月", "September";
    PlanMonth10 => "10 月", "October";
    PlanMonth11 => "11 月", "November";
    PlanMonth12 => "12 月", "December";
    PlanKindOnce => "仅一次", "Once";
    PlanKindDaily => "每天", "Every day";
    PlanKindWeekly => "每周的某几天", "On days of the week";
    PlanKindMonthlyOnDay => "每月某一天", "On a day of the month";
    PlanKindMonthlyLastDay => "每月最后一天", "On the last day of the month";
    PlanKindEveryDays => "每 N 天", "Every N days";
    PlanKindEveryWeeks => "每 N 周", "Every N weeks";
    PlanKindEveryMonths => "每 N 个月", "Every N months";
    PlanKindYearly => "每年一次", "Once a year";
    PlanAnchorFixed => "按固定日期", "On fixed calendar dates";
    PlanAnchorFromCompletion => "从上次完成那天起算", "Counted from the last completion";
    PlanRuleMove => "遇到休息日顺延到下一个营业日", "Move to the next open day";
    PlanRuleSkip => "遇到休息日跳过", "Skip rest days";
    PlanStatusUpcoming => "未到期", "Upcoming";
    PlanStatusDueToday => "今天到期", "Due today";
    PlanStatusOverdue => "已逾期", "Overdue";
    PlanStatusDoneOnTime => "按时完成", "Done on time";
    PlanStatusDoneLate => "逾期完成", "Done late";
    PlanErrIntervalZero => "间隔至少是 1。", "The interval must be at least 1.";
    PlanErrIntervalTooLarge => "间隔太大：最多 {max}，现在是 {n}。", "The interval is too large: at most {max}, now {n}.";
    PlanErrNoWeekday => "请至少选一个星期几。", "Please choose at least one day of the week.";
    PlanErrDayOfMonth => "日期应在 1 到 31 之间，现在是 {day}。", "The day of the month must be from 1 to 31, now {day}.";
    PlanErrMonth => "月份应在 1 到 12 之间，现在是 {month}。", "The month must be from 1 to 12, now {month}.";
    PlanErrNoSuchDate => "日历上没有 {month} {day} 日。", "There is no {month} {day} in the calendar.";
    PlanErrAlwaysClosed => "按这个计划，每个日期都落在休息日，会被全部跳过。请换一天，或改为“遇到休息日顺延到下一个营业日”。",
        "Every date of this schedule falls on a closing day, so all would be skipped. Choose another day, or move them to the next open day instead.";
    PlanErrEveryDayClosed => "一周七天都设成了休息日。请至少留一天营业；改好之前，每周休息日先不算。",
        "All seven days are rest days. Please leave at least one open day; until then the weekly rest days are ignored.";
    PlanErrHolidayReversed => "休息时段 {first} 至 {last} 的结束日早于开始日，请检查。", "The closing {first} to {last} ends before it begins; please check it.";
    PlanErrHolidayTooLong => "休息时段 {first} 至 {last} 超过一年，请检查日期。", "The closing {first} to {last} is longer than a year; please check the dates.";
    // End of planner keys.
    // Emergency screen keys (src/ui/emergency.rs, src/emergency/) below this line.
    EmTitle => "出问题时怎么办", "When something goes wrong";
    EmIntro => "选一个情况，按步骤处理。联系人和电话由您自己填写，本软件不带任何电话号码。", "Pick the situation and follow the steps. You enter the contacts and phone numbers yourself; this app ships none.";
    EmErrRequired => "请填写“{field}”。", "Please fill in “{field}”.";
    EmErrTooManyLines => "“{field}”最多 {max} 行。", "“{field}” takes at most {max} lines.";
    EmErrDuplicateStep => "步骤“{step}”写了两次，请删掉一条。", "The step “{step}” is there twice; please remove one.";
    EmErrBadPhone => "电话只能填数字、空格和 + - ( ) 这几个符号。", "A phone number may only contain digits, spaces and + - ( ).";
    EmErrEndBeforeStart => "结束时间早于开始时间，没有保存。请检查电脑的时钟。", "The end is before the start, so nothing was saved. Please check the PC's clock.";
    EmErrNoticeEmpty => "中文和英文至少要写一行。", "Please write at least one line, in Chinese or in English.";
    EmPlanTitle => "预案名称", "Plan title";
    EmPlanSituation => "什么情况下用", "When to use it";
    EmPlanSteps => "处理步骤（每行一步）", "Steps (one per line)";
    EmPlanFallbacks => "其他收款方式（每行一种）", "Other ways to take payment (one per line)";
    EmContactName => "联系人名称", "Contact name";
    EmContactPhone => "联系电话", "Phone";
    EmContactNote => "联系人备注", "Contact note";
    EmContactRole => "类别", "Kind";
    EmOutageLost => "造成了什么影响或损失（可不填）", "What it cost: missed sales, waiting customers (optional)";
    EmOutageFix => "怎么解决的", "What fixed it";
    EmNoticeZh => "告示中文", "Notice in Chinese";
    EmNoticeEn => "告示英文", "Notice in English";
    EmRoleAcquirer => "收单机构客服", "Acquirer hotline";
    EmRoleBank => "开户银行", "Bank";
    EmRoleTechnician => "维修人员", "Technician";
    EmRoleInternet => "宽带报修", "Internet provider";
    EmRolePower => "供电 / 物业", "Power / building";
    EmRoleOther => "其他", "Other";
    EmNoticeCardDown => "刷卡暂停，请使用扫码或现金支付", "Card payments are down — please pay by QR code or cash";
    EmNoticeNetworkDown => "网络故障，请扫码支付", "Our network is down — please pay by QR code";
    EmNoticeCashOnly => "今天只收现金，敬请谅解", "Cash only today — thank you for understanding";
    EmNoticeRestarting => "刷卡机正在重启，请稍候", "The card terminal is restarting — please wait a moment";
    EmStepsHeading => "处理步骤", "Steps";
    EmFallbacksHeading => "其他收款方式", "Other ways to pay";
    EmContactsHeading => "联系人和电话", "Contacts and phone numbers";
    EmSituationHeading => "什么情况", "The situation";
    EmNoContactsPrint => "还没有填写联系人。", "No contacts entered yet.";
    EmShowNotice => "显示顾客告示", "Show customer notice";
    EmNoticeOther => "换一条告示…", "Another notice…";
    EmNoticeChoose => "选一条告示，点一下就全屏显示。按 Esc 关闭。", "Choose a notice; one click shows it full screen. Esc closes it.";
    EmNoticeShowName => "全屏显示：{text}", "Show full screen: {text}";
    EmNoticeOwnHeading => "自己写的告示", "Your own notice";
    EmNoticeSaveOwn => "保存这条告示", "Save this notice";
    EmNoticeShowOwn => "显示自己写的告示", "Show your own notice";
    EmNoticeSaved => "告示已保存。", "Notice saved.";
    EmNoticeClose => "× 关闭告示（Esc）", "× Close notice (Esc)";
    EmNoticeHide => "收起", "Hide";
    EmStarterOffer => "还没有应急预案。可以先添加六份常用预案：刷卡不能用、网络断了、终端坏了或丢了、停电了、疑似盗刷或终端被改装、电脑坏了。添加后随时可以修改。", "No emergency plans yet. You can start with six common ones: card payments down, network down, terminal broken or stolen, power cut, suspected fraud or a tampered terminal, PC broken. You can edit them at any time.";
    EmStarterApply => "＋ 添加六份常用预案", "＋ Add the six starter plans";
    EmStarterDecline => "先不用，自己写", "No thanks, I'll write my own";
    EmStarterApplied => "已添加 {n} 份应急预案。", "{n} emergency {n|plan|plans} added.";
    EmStarterDeclined => "好的，可以用“新建预案”自己写。", "All right: use “New plan” to write your own.";
    EmNoPlans => "还没有预案。", "No plans yet.";
    EmAddPlan => "＋ 新建预案", "＋ New plan";
    EmShowArchived => "显示已归档的预案", "Show archived plans";
    EmArchivedMark => "（已归档）", "(archived)";
    EmBackToList => "返回预案列表", "Back to the plans";
    EmRunNow => "立即执行这份预案", "Run this plan now";
    EmPractise => "练习一次（演练）", "Practise (drill)";
    EmArchive => "归档", "Archive";
    EmRestore => "恢复", "Restore";
    EmPlanSaved => "预案已保存。", "Plan saved.";
    EmPlanArchived => "预案已归档，以前的记录都保留。勾选“显示已归档的预案”就能找回并恢复。", "Plan archived; its records are kept. Tick “Show archived plans” to find it and bring it back.";
    EmArchiveAsk => "归档“{plan}”？它会从预案列表里收起，以前的记录都保留，以后随时可以恢复。", "Archive “{plan}”? It leaves the list of plans, its records are kept, and it can be brought back at any time.";
    EmArchiveYes => "确认归档", "Archive it";
    EmContactArchiveAsk => "归档联系人“{name}”？它不再显示在预案里，以后随时可以恢复。", "Archive the contact “{name}”? It is no longer shown on the plans, and it can be brought back at any time.";
    EmPlanRestored => "预案已恢复。", "Plan restored.";
    EmEditPlanTitle => "编辑预案", "Edit plan";
    EmNewPlanTitle => "新建预案", "New plan";
    EmPrintHeading => "打印贴墙版", "Print for the wall";
    EmPrintHelp => "保存成网页文件，用浏览器打开后打印（A4，大字）。", "Saves a web page; open it in a browser and print it (A4, large type).";
    EmPrintPath => "保存位置（可不填，不填就弹出选择框）", "Save to (optional; leave empty to choose)";
    EmPrintBoth => "标题中英双语", "Headings in both languages";
    EmPrintPathTyped => "保存位置（完整路径）", "Save to (full path)";
    EmOpenPrinted => "用浏览器打开（再点打印）", "Open in the browser (then print)";
    EmPrintSave => "保存打印版", "Save printable page";
    EmPrinted => "打印版已保存：{path}", "Printable page saved: {path}";
    EmPrintedOn => "打印于 {date}。电话或终端有变动时，请重新打印。", "Printed on {date}. Print it again when a number or a terminal changes.";
    EmPrintFailed => "打印版没有保存：{detail}", "The printable page was not saved: {detail}";
    EmContactsIntro => "填上收单机构客服、开户银行、维修人员等的电话，处理问题时会显示在每份预案里。", "Enter the phone numbers of your acquirer's hotline, your bank, your technician and so on; they are shown on every plan.";
    EmAddContact => "＋ 添加联系人", "＋ Add contact";
    EmNewContactTitle => "新联系人", "New contact";
    EmEditContactTitle => "编辑联系人", "Edit contact";
    EmEditContactName => "编辑联系人：{name}", "Edit contact: {name}";
    EmArchiveContactName => "归档联系人：{name}", "Archive contact: {name}";
    EmContactSaved => "联系人已保存。", "Contact saved.";
    EmContactArchived => "联系人已归档。勾选“显示已归档的联系人”就能找回并恢复。", "Contact archived. Tick “Show archived contacts” to find it and bring it back.";
    EmContactRestored => "联系人已恢复。", "Contact restored.";
    EmShowArchivedContacts => "显示已归档的联系人", "Show archived contacts";
    EmRestoreContactName => "恢复联系人：{name}", "Restore contact: {name}";
    EmNoContacts => "还没有联系人。", "No contacts yet.";
    EmFromDevices => "设备登记里的收单机构、热线和编号（打电话时报给对方）：", "From the device registry: acquirer, hotline and IDs (give them when you call):";
    EmChosenNoDetails => "{name}：设备里没有登记收单机构、热线或终端号。打电话时请从终端上查到终端号再报，下面是其他终端的，不是这一台的。", "{name}: no acquirer, hotline or terminal ID is registered for it. When you call, read its terminal ID off the terminal; those below are other terminals', not this one's.";
    LabelValue => "{label}：{value}", "{label}: {value}";
    EmRunTitle => "正在处理：{plan}", "Handling: {plan}";
    EmDrillTitle => "演练：{plan}", "Drill: {plan}";
    EmRunSince => "{time} 开始", "Started {time}";
    EmRunOnShift => "当班：{name}", "On shift: {name}";
    EmRunDevice => "哪台设备出的问题", "Which device";
    EmNoDevice => "不指定", "None";
    EmDeviceName => "设备：{name}", "Device: {name}";
    EmStepsProgress => "已完成 {done}/{total} 步，点一下打勾，再点一下取消。", "{done}/{total} done. Click a step to tick it, again to untick.";
    EmStepDoneAt => "{time} 完成", "done {time}";
    EmStepName => "步骤：{step}", "Step: {step}";
    EmEndHeading => "问题解决了？结束并记录", "Fixed? End and record";
    EmEndSave => "✓ 结束并记录", "✓ End and record";
    EmEndStepsLeft => "还有 {left} 步没有打勾（共 {total} 步）。确定现在结束并记录吗？", "{left} of {total} steps are not ticked. End and record now anyway?";
    EmEndAnyway => "仍然结束并记录", "End and record anyway";
    EmEndKeepGoing => "继续处理", "Keep going";
    EmEnded => "已记录：{plan}（{start} 到 {end}）。", "Recorded: {plan} ({start} to {end}).";
    EmDrillEnded => "已记录演练：{plan}（{start} 到 {end}）。", "Drill recorded: {plan} ({start} to {end}).";
    EmDrillEndHeading => "演练做完了？结束并记录", "Drill finished? End and record";
    EmDrillFound => "演练中发现的问题（可不填）", "What the drill showed up (optional)";
    EmDrillImprove => "下次要改进什么（可不填）", "What to do better next time (optional)";
    EmDrillTaskNote => "按应急预案“{plan}”演练，预案步骤做了 {done}/{total} 步", "A drill of the plan “{plan}”: {done} of its {total} steps done";
    EmDrillTaskFound => "；发现的问题：{found}", "; it showed up: {found}";
    EmDrillTaskDone => "维护计划里的这次应急演练也记为完成了。", "The planner's emergency drill is marked done too.";
    EmDrillNothingPractised => "一步都没有勾：这次练习会记下来，但不算维护计划里的应急演练。", "No step is ticked: this practice run is recorded, but it does not count as the planner's emergency drill.";
    EmDrillNotCounted => "一步都没有勾，维护计划里的应急演练没有记为完成。", "No step was ticked, so the planner's emergency drill is not marked done.";
    EmLeaveRun => "先回列表（处理还在进行）", "Back to the list (keeps running)";
    EmRunning => "有一次处理还没结束：{plan}，{time} 开始。", "An outage is still open: {plan}, started {time}.";
    EmContinue => "继续处理", "Continue";
    EmEndOpenFirst => "另一次处理还没结束：先在上面点“继续处理”把它结束", "Another outage is still open: end it first (Continue, above)";
    TodayOutageRunning => "⚠ 收款中断处理中：{plan}（{time} 开始）", "⚠ Outage being handled: {plan} (since {time})";
    TodayOutageOpen => "打开这份预案", "Open the plan";
    EmRecentHeading => "最近的应急处理和演练记录", "Recent outages and drills";
    EmNoOutages => "还没有记录。", "Nothing recorded yet.";
    EmColFix => "怎么解决的", "What fixed it";
    EmStillOpen => "● 进行中", "● Open";
    EmDrillMark => "（演练）", "(drill)";
    EmNoPlan => "（没有预案）", "(no plan)";
    EmFormProblem => "还不能保存：{problem}", "Not saved yet: {problem}";
    // End of emergency screen keys.
    // Tasks, Today, staff and training
    NavToday => "今日", "Today";
    NavPlanner => "维护计划", "Plan";
    NavStaff => "员工培训", "Staff";
    TaskCatCheck => "定期检查", "Scheduled check";
    TaskCatTraining => "培训", "Training";
    TaskCatBackup => "备份", "Backup";
    TaskCatDrill => "应急演练", "Emergency drill";
    TaskCatOther => "其他", "Other";
    TaskTitle => "任务名称", "Task";
    TaskInstructions => "怎么做", "How to do it";
    TaskItems => "检查项（每行一项）", "Checklist (one item per line)";
    ErrRequiredField => "请填写“{field}”。", "Please fill in “{field}”.";
    ErrTooManyItems => "检查项太多：最多 {max} 项。", "Too many checklist items: at most {max}.";
    ErrSkipReason => "跳过需要写一句原因：写在上面的备注里，再点“跳过…”。", "A skip needs a short reason: write it in the note above, then press Skip… again.";
    OutcomeOk => "正常", "OK";
    OutcomeProblem => "有问题", "Problem";
    OutcomeSkipped => "跳过", "Skipped";
    OutcomeMissed => "错过", "Missed";
    TaskSaved => "任务已保存。", "Task saved.";
    TaskPausedMsg => "任务已暂停，恢复前不会到期。", "Task paused; it is not due until resumed.";
    TaskResumedMsg => "任务已恢复。", "Task resumed.";
    TaskArchivedMsg => "任务已归档，它的记录仍保留。", "Task archived; its records are kept.";
    TaskRestoredMsg => "任务已恢复到计划里。", "Task restored to the plan.";
    CalendarSaved => "营业日和节假日已保存。", "Opening days and holidays saved.";
    StarterApplied => "已添加入门计划。可以在“维护计划”里随时修改。", "Starter plan added. You can change it any time under “Plan”.";
    StaffSaved => "员工信息已保存。", "Staff member saved.";
    ModuleSaved => "培训内容已保存。", "Training module saved.";
    TrainingRecorded => "培训已记录。", "Training recorded.";
    Completed => "已完成并记录。", "Done and recorded.";
    SkippedRecorded => "已记为跳过：下次到期时再做。", "Recorded as skipped: it is due again at its next date.";
    CompletedWithProblem => "已记录，并为发现的问题开了一条故障记录（在“查提示 → 故障记录”里）。", "Recorded; an incident was opened for the problem (under “Look up → Incidents”).";
    AlreadyDone => "这一项已经完成过了，没有重复记录。", "This was already done; nothing was recorded twice.";
    ShopOpenToday => "今天营业", "Open today";
    ShopClosedToday => "今天休息", "Closed today";
    TodayProgress => "今天已完成 {done}/{total} 项", "{done} of {total} done today";
    PlanNoTasks => "计划里还没有任务。点上面的“新建任务”添加，或者到“今天”页选用现成的开店检查、清洁和备份计划。", "No tasks in the plan yet. Add one with “New task” above, or choose the ready-made opening checks, cleaning and backups on Today.";
    TodayNoTasks => "计划里还没有任务。可以在“维护计划”里添加。", "No tasks in the plan yet. Add some under “Plan”.";
    TodayOverdue => "已逾期", "Overdue";
    TodayDue => "今天要做", "Due today";
    TodayAllDone => "今天的检查都做完了。", "Everything due today is done.";
    TodayNoStaff => "还没有登记员工。在“员工培训”里添加后，可以记录是谁做的检查。", "No staff yet. Add them under “Staff” to record who did each check.";
    TodayOnShift => "当前值班：", "On shift:";
    TodayOnShiftChoose => "今天谁值班？请选择：", "Who is on shift today? Choose:";
    TodayOnShiftWhy => "检查、故障、备份和收款中断的记录会写上经手人。每天选一次。", "Checks, incidents, backups and outages are recorded under this name. Chosen once a day.";
    IncidentStaff => "经手人：{name}（当班）", "Handled by: {name} (on shift)";
    IncidentHandledBy => "经手人 {name}", "handled by {name}";
    IncidentStaffNone => "经手人：还没选当班的人（在“今天”页选择），这次记录不写经手人。", "Handled by: nobody is on shift yet (choose on Today); this record will carry no name.";
    TodayOnShiftName => "当前值班：{name}", "On shift: {name}";
    TodayChooseShiftFirst => "请先在本页上方选择今天谁值班：记录要写上经手人。", "First choose who is on shift, at the top of Today: the record names who did it.";
    TodayProblemWhere => "问题出在哪台设备上？", "Which device is the problem on?";
    TodayProblemOn => "问题在{device}（{task}）", "Problem on {device} ({task})";
    TodayProblemNoDevice => "都不是（与设备无关）", "None of them (not about a device)";
    CliOlderOpen => "……还有 {n} 件更早的没解决（窗口的“故障记录”里能看到更多）", "… and {n} older open {n|one|ones} (the window's Incidents tab lists more)";
    TodayUnread => "刚才没能读出店里的记录（{why}）。数据没有改动；读出来之前，其他页面上也看不到店里的记录。一分钟后会自动再读一次，也可以现在再试。", "The shop's records could not be read just now ({why}). Nothing was changed; until they are read, the other screens show none of them either. They are read again in a minute, or now:";
    TodayOpenIncidents => "还有 {n} 件故障没解决，最近的一件：{device} · {prompt}", "{n} open {n|incident|incidents}; the latest: {device} · {prompt}";
    TodayOpenHeading => "没解决的故障", "Open incidents";
    TodayWaitingIncidents => "等对方处理：{n} 件故障已上报，最近的一件：{device} · {prompt}，交给了{to}。修好后请标记为已解决。", "Waiting for a fix: {n} {n|incident|incidents} handed on; the latest: {device} · {prompt}, handed to {to}. Mark {n|it|them} resolved once fixed.";
    TodayWaitingHeading => "已上报、等对方处理的故障", "Handed on, waiting for a fix";
    TodayItemPlan => "⚠ 这可能是“{plan}”：先按应急预案处理，再动这台终端。", "⚠ This may be “{plan}”: follow the emergency plan before you touch the terminal.";
    TodayItemPlanGo => "打开预案", "Open the plan";
    TodayItemPlanOpen => "打开应急预案：{plan}", "Open the emergency plan: {plan}";
    TodaySeeIncidents => "查看故障记录", "See the incidents";
    TodayProblemWhereFirst => "请选择问题出在哪台设备上。", "Choose which device the problem is on.";
    SetupTitle => "设置你的店", "Set up your shop";
    SetupLanguage => "界面语言 Language：", "Language 界面语言:";
    SetupIntro => "几步就能用起来，每一步以后都可以再改。", "A few steps and you are ready; you can change each of them later.";
    SetupShopName => "店名：印在报修单和报表上", "Shop name: printed on call sheets and reports";
    SetupShopNameGo => "填写店名", "Enter the shop name";
    SetupTerminals => "刷卡终端：终端号、商户号和客服电话", "Card terminals: terminal ID, merchant ID and hotline";
    SetupTerminalsGo => "登记终端", "Register terminals";
    SetupStaff => "员工：记录上写明是谁做的", "Staff: records show who did what";
    SetupStaffGo => "登记员工", "Add staff";
    SetupPlan => "维护计划：每天开店检查等", "Maintenance plan: the daily opening check and more";
    SetupPlanGo => "选择计划", "Choose a plan";
    SetupSkip => "跳过，不再显示", "Skip, don't show again";
    SetupMoving => "从另一台电脑搬过来？用 U 盘上的备份把所有记录恢复过来，就不用重新登记。", "Moving from another PC? Restore the backup from your USB stick and every record comes back; nothing needs entering again.";
    SetupMovingGo => "用 U 盘上的备份恢复…", "Restore the backup on a stick…";
    StarterTitle => "先用一份入门计划？", "Start with a ready-made plan?";
    StarterIntro => "这是按常见的 POS 维护做法整理的计划：每天开店检查、每周清洁和备份、每月更新和防篡改检查、每季度演练，以及员工培训。可以全部采用、挑着用，或者先不用。以后随时可以改。", "A plan drawn from common POS care: a daily opening check, weekly cleaning and backups, monthly updates and tamper checks, a quarterly drill, and staff training. Take all of it, pick some, or start empty; you can change it any time.";
    StarterAcceptAll => "全部采用", "Use all of it";
    StarterChoose => "挑选…", "Choose…";
    StarterDecline => "先不用", "Start empty";
    StarterModules => "培训内容", "Training modules";
    StarterAddChosen => "添加选中的", "Add the chosen ones";
    TodayDueLate => "应于 {date} 完成，已逾期 {n} 天", "Was due {date}, {n} {n|day|days} late";
    TodayDueOn => "今天到期（{date}）", "Due today ({date})";
    TodayItemProblem => "有问题：{item}", "Problem: {item}";
    TodayNote => "备注（{task}）", "Note ({task})";
    TodayAllOk => "其余全部正常", "All the rest OK";
    TodayAllOkHeld => "“{item}”没有勾上：备份已经到期了。先点“去备份”；电脑以外另有备份的话，自己勾上它。", "“{item}” is left unticked: a backup is due. Click “Back up now” first; if there is a backup elsewhere, tick it yourself.";
    TodayAllOkNamed => "其余全部正常（{task}）", "All the rest OK ({task})";
    TodayDone => "完成：{task}", "Done: {task}";
    TodayDoneShort => "完成", "Done";
    TodayJustRecorded => "✓ 这一项已记下", "✓ Recorded here";
    TodaySkipShort => "跳过…", "Skip…";
    TodaySkip => "跳过：{task}", "Skip: {task}";
    TodayPutOffShort => "明天再做", "Tomorrow instead";
    TodayMissedLastOpenDay => "上一个营业日（{date}）没做：{tasks}。已记为漏做。", "Not done on the last open day ({date}): {tasks}. Recorded as missed.";
    TodayMissedDaysBefore => "在那之前两周里，还有 {n} 天有检查漏做了（见“维护记录”）。", " In the two weeks before it, checks were missed on {n} more {n|day|days} too (see History).";
    TodayPutOff => "明天再做：{task}", "Do it tomorrow instead: {task}";
    TodayPutOffHint => "今天做不了：推迟到 {date}，今天不算逾期。到时候还没做，就算逾期。", "Can't be done today: put it off to {date}, and it is not overdue today. Not done by then, it is overdue again.";
    TodayPutOffFrom => "原定 {date}，已推迟", "put off from {date}";
    PutOffDone => "“{task}”已推迟到 {date}。", "“{task}” is put off to {date}.";
    PutOffAlready => "这项检查已经记录过了，不用再推迟。", "This check is already recorded; there is nothing to put off.";
    TodayUnchecked => "还有 {n} 项没有检查：每一项请点“✓”（正常）或“⚠ 有问题”。", "{n} {n|item|items} not checked yet: mark each ✓ (OK) or ⚠ (problem).";
    TodayUpcoming => "未来 7 天", "Next 7 days";
    TodayFinished => "今天已完成", "Finished today";
    TodayTraining => "需要培训或复训", "Training due";
    TodayNotTrainedBy => "还没培训，最迟", "not trained yet, due";
    TodayTrainingModules => "{n} 项", "{n} modules";
    PlanNewTask => "新建任务", "New task";
    PlanEditTask => "编辑任务", "Edit task";
    PlanShowArchived => "显示已归档的任务", "Show archived tasks";
    PlanArchived => "已归档", "Archived";
    PlanPaused => "已暂停", "Paused";
    PlanNextDue => "下次：{date}", "next: {date}";
    PlanLastResult => "上次：{result}", "last: {result}";
    PlanPause => "暂停", "Pause";
    PlanResume => "恢复", "Resume";
    PlanArchive => "归档（记录保留）", "Archive (records kept)";
    PlanUnarchive => "从归档中恢复", "Restore from archive";
    PlanDevice => "相关设备", "Device";
    PlanResponsible => "负责人", "Person responsible";
    PlanSchedule => "什么时候做", "When";
    PlanStart => "开始日期", "Starting on";
    PlanOnceDate => "日期", "Date";
    PlanDayOfMonth => "几号", "Day of the month";
    PlanInterval => "间隔", "Interval";
    PlanMonth => "月份", "Month";
    PlanPreview => "接下来的日期：{dates}", "Next dates: {dates}";
    PlanCalendar => "营业日和节假日", "Opening days and holidays";
    PlanCalendarHelp => "休息日和节假日里不安排检查。每个任务可以选择顺延到下一个营业日，或者跳过。", "No checks fall on rest days and holidays: each task either moves to the next open day or skips them.";
    PlanRestDays => "每周休息日", "Weekly rest days";
    PlanHolidays => "节假日和其他休息时段", "Holidays and other closings";
    PlanRemoveHoliday => "删除 {date} 的休息安排", "Remove the closing of {date}";
    PlanHolidayFirst => "从哪天开始", "First day closed";
    PlanHolidayLast => "到哪天结束（一天可不填）", "Last day closed (blank for one day)";
    PlanHolidayName => "名称（如春节）", "Name (e.g. Spring Festival)";
    PlanAddHoliday => "添加休息时段", "Add closing";
    // History screen keys (src/ui/history.rs, src/history/) below this line.
    HistTitle => "全部维护记录", "All records";
    HistIntro => "检查、故障、收款中断、培训、备份和设备变动都在这里，最新的在最上面。点一条看详情；记错了可以更正或作废，原记录始终保留。", "Checks, incidents, outages, trainings, backups and device changes, newest first. Click an entry for its details; a wrong entry can be amended or voided, and the original is always kept.";
    HistFrom => "从", "From";
    HistThisMonth => "本月", "This month";
    HistLastMonth => "上个月", "Last month";
    HistTo => "到", "To";
    HistDevice => "按设备筛选", "Filter by device";
    HistStaff => "按员工筛选", "Filter by staff";
    HistAllDevices => "全部设备", "All devices";
    HistAllStaff => "全部员工", "All staff";
    HistFormerStaff => "已离职", "former";
    HistSearch => "搜索", "Search";
    HistSearchHint => "如 打印纸、A0、签到", "e.g. paper, A0, sign-on";
    HistClear => "清除筛选", "Clear filters";
    HistKinds => "类型：", "Kinds:";
    HistKindChip => "只看{kind}", "Only {kind}";
    HistCount => "{n} 条记录", "Entries: {n}";
    HistFiltered => "（已筛选）", " (filtered)";
    HistShowFilters => "显示筛选和导出", "Show filters and export";
    HistHideFilters => "收起筛选", "Hide filters";
    HistNone => "没有符合条件的记录。", "No entries match.";
    HistNoDevice => "未关联设备", "No device";
    HistKindDone => "按时完成", "Done on time";
    HistKindLate => "逾期完成", "Done late";
    HistKindMissed => "漏做", "Missed";
    HistKindSkipped => "跳过", "Skipped";
    HistKindProblem => "发现问题", "Problem found";
    HistKindIncident => "故障", "Incident";
    HistKindOutage => "收款中断", "Outage";
    HistKindDrill => "应急演练", "Drill";
    HistKindTraining => "培训", "Training";
    HistKindBackup => "备份", "Backup";
    HistKindDevice => "设备变动", "Device change";
    HistActOpened => "登记", "opened";
    HistActSteps => "处理步骤", "steps taken";
    HistActNote => "备注", "note";
    HistActResolved => "已解决", "resolved";
    HistActEscalated => "已上报", "handed on";
    HistActReopened => "重新打开", "reopened";
    HistActStarted => "开始", "started";
    HistActEnded => "恢复", "ended";
    HistActBackupAuto => "自动备份", "automatic";
    HistActBackupUpgrade => "升级前备份", "before an upgrade";
    HistActBackupPreRestore => "恢复前备份", "before a restore";
    HistActBackupManual => "手动备份", "manual";
    HistActBackupRestored => "从备份恢复", "restored";
    HistActBackupFailed => "失败", "failed";
    HistActAdded => "新增", "added";
    HistActEdited => "修改", "edited";
    HistActRetired => "停用", "retired";
    HistActReinstated => "重新启用", "back in use";
    HistCatCheck => "检查", "check";
    HistCatTraining => "培训", "training";
    HistCatBackup => "备份", "backup";
    HistCatDrill => "演练", "drill";
    HistCatOther => "其他", "other";
    HistColTime => "时间", "Time";
    HistColKind => "类型", "Kind";
    HistColDevice => "相关设备", "Device";
    HistColStaff => "经手人", "Staff";
    HistColSubject => "事项", "Subject";
    HistColDetail => "详情", "Detail";
    HistColCorrection => "更正", "Correction";
    HistVoidMark => "× 作废", "× Void";
    HistVoidedBecause => "已作废，原因：{reason}", "Voided: {reason}";
    HistAmendedTo => "已更正为：{text}（原因：{reason}）", "Amended to: {text} (reason: {reason})";
    HistAmendedToDevice => "已更正为：{text}；改到设备：{device}（原因：{reason}）", "Amended to: {text}; moved to {device} (reason: {reason})";
    HistMovedToDevice => "改到设备：{device}（原因：{reason}）", "Moved to {device} (reason: {reason})";
    HistCorrectedValue => "{text}（已更正）", "{text} (corrected)";
    HistOriginalText => "原文：{text}", "Original: {text}";
    HistMovedFrom => "原记在：{device}", "First filed against: {device}";
    HistAmendDevice => "这条记录属于哪台设备", "Device this entry belongs to";
    HistErrUnchanged => "内容和设备都没有改动：请改正内容，或选择正确的设备。", "Nothing was changed: correct the text or choose the right device.";
    HistErrAmendTooLong => "更正后的内容太长：最多 {max} 个字，现在 {len} 个。", "The corrected text is too long: at most {max} characters, now {len}.";
    HistDetailTitle => "记录详情", "Entry details";
    HistSourceTitle => "原始记录", "The original record";
    HistCorrections => "更正记录", "Corrections";
    HistNoCorrections => "没有更正过。", "Never corrected.";
    HistAmend => "更正", "Amend";
    HistVoid => "作废", "Void";
    HistAmendHelp => "写下正确的内容和更正原因。原记录不会改动，更正会记在旁边。", "Write the correct text and why. The original is not changed; the correction is kept beside it.";
    HistVoidHelp => "作废后这条记录仍然保留，标为“作废”并注明原因。", "A voided entry stays in the history, marked void with your reason.";
    HistAmendText => "更正后的内容", "Corrected text";
    HistReason => "原因（必填）", "Reason (required)";
    HistAmendConfirm => "✓ 保存更正", "✓ Save the correction";
    HistVoidConfirm => "确认作废", "Void this entry";
    HistAmended => "已更正，原记录保留。", "Amended; the original is kept.";
    HistVoided => "已作废，记录仍保留。", "Voided; the entry is kept.";
    HistErrReason => "请写明原因。", "Please give a reason.";
    HistErrAmendText => "请填写更正后的内容。", "Please write the corrected text.";
    HistErrControl => "文字里有无法显示的控制字符，请删掉后再试。", "The text contains control characters; please remove them.";
    HistErrTooLong => "原因太长：最多 {max} 个字，现在 {len} 个。", "The reason is too long: at most {max} characters, now {len}.";
    HistErrDate => "“{field}”不是有效日期，请按 2025-03-18 这样填写。", "“{field}” is not a valid date; please write it like 2025-03-18.";
    HistErrReversed => "开始日期晚于结束日期。", "The start date is after the end date.";
    HistErrSearch => "搜索内容最多 {max} 个字，且不能含控制字符。", "The search text may have at most {max} characters and no control characters.";
    HistFactDue => "应做日期", "Due";
    HistFactDoneAt => "完成时间", "Done at";
    HistFactOutcome => "结果", "Outcome";
    HistFactChecklist => "检查项", "Checklist";
    HistFactNote => "备注", "Note";
    HistFactIncident => "关联故障编号", "Incident no.";
    HistFactRecorded => "登记时间", "Recorded at";
    HistFactInstructions => "做法说明", "Instructions";
    HistFactPrompt => "屏幕提示", "Prompt";
    HistFactEntry => "对应条目", "Knowledge entry";
    HistFactSteps => "已做步骤", "Steps done";
    HistFactStatus => "状态", "Status";
    HistFactResolution => "处理结果", "Resolution";
    HistFactEscalated => "上报给", "Handed on to";
    HistFactStarted => "开始时间", "Started";
    HistFactClosed => "结束时间", "Closed";
    HistFactPlan => "应急预案", "Emergency plan";
    HistFactDrill => "演练", "Drill";
    HistFactEnded => "恢复时间", "Ended";
    HistFactLost => "影响", "What was lost";
    HistFactFix => "解决办法", "Fix";
    HistFactModule => "培训内容", "Module";
    HistFactOnDate => "培训日期", "Date";
    HistFactTrainer => "培训人", "Trainer";
    HistFactBackupKind => "备份方式", "Kind of backup";
    HistFactPath => "文件位置", "File";
    HistFactBytes => "大小（字节）", "Size (bytes)";
    HistFactDetail => "说明", "Detail";
    HistFactAction => "变动", "Change";
    HistFactTerminalId => "终端号", "Terminal ID";
    HistFactSerial => "序列号", "Serial number";
    HistStatusOpen => "未解决", "open";
    HistExportCsvPath => "表格（CSV）保存到", "Save the table (CSV) to";
    HistExportHtmlPath => "打印报告（HTML）保存到", "Save the report (HTML) to";
    HistExportPathHint => "文件路径或文件夹，如 D:\\", "a file path or folder, e.g. D:\\";
    HistExportChoose => "选择位置…", "Choose…";
    HistExportChooseCsv => "选择表格（CSV）的保存位置", "Choose where to save the table (CSV)";
    HistExportChooseHtml => "选择打印报告（HTML）的保存位置", "Choose where to save the report (HTML)";
    HistCsvFileName => "维护记录", "history";
    HistHtmlFileName => "维护记录报告", "maintenance-report";
    HistFileFiltered => "筛选", "filtered";
    HistExportCsv => "导出表格（CSV）", "Export table (CSV)";
    HistExportHtml => "导出打印报告（HTML）", "Export printable report (HTML)";
    HistExportCancel => "取消导出", "Cancel export";
    HistExporting => "正在导出 {done}/{total}", "Exporting {done}/{total}";
    HistExportedPeriod => "已导出 {from} 至 {to} 的 {n} 条记录到 {path}（报告只含这段日期；要别的日期，请先在上面选好日期）", "Exported the {n} {n|entry|entries} from {from} to {to} to {path} (the report covers only these dates; for others, choose the dates above first)";
    HistExported => "已导出 {n} 条记录到 {path}", "Exported {n} {n|entry|entries} to {path}";
    HistExportCancelled => "导出已取消，没有留下文件。", "Export cancelled; no file was left behind.";
    HistExportFailed => "无法导出到 {path}，没有留下半截文件：{detail}", "Could not export to {path}; no partial file was left: {detail}";
    DeviceSameName => "⚠ 已经有一台设备叫这个名字。同名的设备在记录、图表和导出里分不清：请起个不同的名字，比如加上型号或“新”。", "⚠ Another device already has this name. Devices of one name cannot be told apart in the records, charts and exports: give it a name of its own, with its model or \"new\" in it.";
    DeviceSameNameRetired => "⚠ 一台已停用的设备也叫这个名字（比如换下来的那台）。同名的设备在记录、图表和导出里分不清：请给这台起个不同的名字，比如加上型号或“新”。", "⚠ A retired device has this name too (the unit this one replaces, perhaps). Devices of one name cannot be told apart in the records, charts and exports: give this one a name of its own, with its model or \"new\" in it.";
    DeviceReinstateSameName => "⚠ 有一台在用的设备也叫这个名字。恢复使用前，请先给其中一台改个名字，否则记录里分不清。", "⚠ A device in use has this name too. Before putting this one back, rename one of them, or the records cannot tell them apart.";
    DeviceSameTerminalId => "⚠ {device} 也是这个终端号。每台终端的终端号都不一样，请对照终端上打印的核对一下。", "⚠ {device} has this terminal ID too. Each terminal has its own: check it against the one printed by the terminal.";
    HistErrExportFilter => "没有导出：{problem}请先改正上面的筛选条件。", "Nothing exported: {problem} Correct the filter above first.";
    HistErrExportPath => "请填写导出文件的位置，或点“选择位置…”。", "Please type where to save the export, or click “Choose…”.";
    HistReportTitle => "维护记录报告", "Maintenance report";
    HistReportRange => "{from} 至 {to}", "{from} to {to}";
    WindowPortUnwritten => "数据文件夹里写不进东西：{detail}查提示照常可用；腾出空间后窗口会自动恢复，在那之前第二次启动和命令通过临时文件夹找到这个窗口。", "Nothing can be written into the data folder: {detail} Looking up prompts still works, and the window recovers by itself once there is room; until then a second start and commands find this window through the temporary folder.";
    HistReportOneDevice => "只含设备：{name}", "this device only: {name}";
    HistReportMade => "生成于 {when}", "Made on {when}";
    HistReportByKind => "按类别统计", "By category";
    HistReportFailedBackups => "另有 {n} 次备份失败", "and {n} failed";
    HistReportCount => "条数", "Entries";
    HistReportOfWhichProblem => "（其中）发现问题", "(of those) problem found";
    HistReportTasks => "计划任务完成情况", "Planned tasks";
    HistReportCategory => "任务类别", "Task category";
    HistReportByDevice => "按设备", "By device";
    HistReportSheet => "{month} 月度检查表", "Checklist sheet {month}";
    HistReportTask => "任务", "Task";
    DeviceHistory => "此设备的全部记录", "Everything about this device";
    HistDateHint => "年-月-日", "YYYY-MM-DD";
    // End of history screen keys.
    // Staff screen keys (src/ui/staff.rs) below this line.
    StaffTitle => "员工与培训", "Staff & training";
    StaffIntro => "登记员工和培训内容，记下每次培训。到了该复训的时候，这里会提醒。", "Keep your staff and training modules here, and note each training. When a refresher is due, it shows up here.";
    StaffTabPeople => "员工（{n}）", "Staff ({n})";
    StaffTabDue => "谁需要培训（{n}）", "Who needs training ({n})";
    StaffTabModules => "培训内容（{n}）", "Training modules ({n})";
    StaffTabOnboarding => "新员工入职清单", "New-hire checklist";
    StaffAdd => "＋ 添加员工", "＋ Add a person";
    StaffRecordTraining => "＋ 记录培训", "＋ Record a training";
    StaffRecordFor => "记录培训", "Record training";
    StaffNone => "还没有登记员工。点“＋ 添加员工”开始。", "No staff yet. Click “＋ Add a person” to start.";
    StaffActive => "● 在职", "● Current";
    StaffStartsOn => "● {date} 入职", "● Starts {date}";
    StaffFormer => "○ 已离职", "○ Former staff";
    StaffName => "姓名", "Name";
    StaffSameName => "⚠ 已经有一位员工叫“{name}”：重名的话，今日和记录里分不清是谁。可以加上姓或工号。", "⚠ A member of staff is already called “{name}”: with two of one name, Today and the records cannot tell them apart. Add a surname or a staff number.";
    StaffRole => "岗位", "Role";
    StaffRoleHint => "如 收银员、店长", "e.g. cashier, manager";
    StaffPhone => "电话", "Phone";
    StaffStartedOn => "入职日期", "Started on";
    StaffPhoneIs => "电话：{phone}", "Phone: {phone}";
    StaffStartedIs => "入职日期：{date}", "Started on {date}";
    StaffTrainedNext => "{module}：{on} 培训，下次复训 {due}", "{module}: trained {on}, refresher due {due}";
    StaffTrainedOnce => "{module}：{on} 培训（不需要复训）", "{module}: trained {on} (no refresher needed)";
    StaffNoTraining => "还没有培训记录。", "No training recorded yet.";
    StaffNewTitle => "添加员工", "Add a person";
    StaffEditTitle => "编辑员工信息", "Edit a person";
    StaffFormerCheck => "已离职（不会删除，培训记录都保留）", "Former staff (nothing is deleted; their training records are kept)";
    StaffModuleAdd => "＋ 添加培训内容", "＋ Add a training module";
    StaffModuleNewTitle => "添加培训内容", "Add a training module";
    StaffModuleTitle => "培训名称", "Module title";
    StaffModuleItems => "培训要点（每行一项）", "What it covers (one point per line)";
    StaffModuleRefresher => "复训间隔（月）", "Refresher interval (months)";
    StaffMonthsSuffix => " 个月", " months";
    StaffMonths => "{n} 个月", "{n} {n|month|months}";
    StaffRefresherNone => "不需要复训", "No refresher needed";
    StaffRefresherEvery => "每 {n} 个月复训", "Refresher every {n} {n|month|months}";
    StaffOnboardingCheck => "新员工必修（列入新员工入职清单）", "Required for new hires (on the new-hire checklist)";
    StaffOnboardingMark => "新员工必修", "New-hire module";
    StaffModuleNone => "还没有培训内容。点“＋ 添加培训内容”开始。", "No training modules yet. Click “＋ Add a training module” to start.";
    StaffModuleNoItems => "没有列出培训要点。", "No points listed.";
    StaffRecordTitle => "记录一次培训", "Record a training";
    StaffRecordPerson => "谁参加了培训", "Who was trained";
    StaffRecordModule => "培训内容", "Training module";
    StaffRecordDate => "培训日期", "Date of the training";
    StaffRecordTrainer => "培训人", "Trainer";
    StaffRecordNote => "备注", "Note";
    StaffRecordNextDueLater => "选好内容和日期后，这里显示下次复训日期。", "Once the topic and the date are chosen, the next refresher's date shows here.";
    StaffRecordNextDue => "记好后，下次复训日期是 {date}。", "The next refresher will then be due on {date}.";
    StaffRecordNoStaff => "还没有在职员工，请先添加员工。", "There is no current staff yet: please add a person first.";
    StaffRecordNoModules => "还没有培训内容，请先添加培训内容。", "There are no training modules yet: please add one first.";
    StaffErrChoosePerson => "请选择参加培训的员工。", "Please choose who was trained.";
    StaffErrChooseModule => "请选择培训内容。", "Please choose the training module.";
    StaffErrStartFarAhead => "入职日期 {date} 比今天晚了一年多，请检查年份。", "The start date {date} is more than a year after today: check the year.";
    StaffErrBeforeStart => "培训日期早于这个人的入职日期（{date}）：请检查日期；入职日期记错了，就先在员工资料里改正。", "The training is dated before this person started ({date}): check the date; if the start date is wrong, correct it in their details first.";
    StaffErrFutureDate => "培训日期不能晚于今天（{today}）。", "The date of the training cannot be after today ({today}).";
    StaffDueIntro => "在职员工中已逾期、今天到期和 7 天内到期的复训，以及新员工还没做的入职培训。", "Refreshers of current staff that are overdue, due today or due within 7 days, and the onboarding new staff have not done yet.";
    StaffDueNone => "目前没有人需要培训或复训。", "Nobody needs training right now.";
    StaffColLast => "上次培训", "Last trained";
    StaffColDue => "应培训日期", "Due";
    StaffNever => "从未培训", "Never";
    StaffOverdue => "⚠ 已逾期", "⚠ Overdue";
    StaffDueToday => "● 今天到期", "● Due today";
    StaffUpcoming => "○ 即将到期", "○ Coming up";
    StaffNotYetTrained => "○ 还没培训：请尽早安排", "○ Not trained yet: arrange it soon";
    StaffOnbIntro => "选一位员工，看看新员工必修的培训完成了哪些。", "Choose a person to see which new-hire modules they have done.";
    StaffOnbNoModules => "还没有标为“新员工必修”的培训内容。添加培训内容时可以勾选。", "No module is marked as a new-hire module yet. You can tick it when adding a module.";
    StaffOnbProgress => "已完成 {done}/{total} 项", "{done}/{total} done";
    StaffOnbDone => "✓ {module}：已完成（{date}）", "✓ {module}: done ({date})";
    StaffOnbNotYet => "○ {module}：还没培训", "○ {module}: not yet";
    // End of staff screen keys.
    // Backups screen keys (src/ui/backups.rs) below this line.
    VerifyEmptyFile => "这个文件是空的（0 字节），里面没有数据：多半是复制到一半被中断了（U 盘拔得太早）。请选另一份备份。", "This file is empty (0 bytes) and holds no data: most likely a copy that was cut off (a USB stick pulled out too early). Choose another backup.";
    VerifyNotADatabase => "这不是 POS Care 维护助手的备份文件（不是数据库文件，或文件不完整）。", "This is not a POS Care backup (not a database file, or the file is incomplete).";
    VerifyForeign => "这不是 POS Care 维护助手的备份文件（是其他程序的数据库）。", "This is not a POS Care backup (it is another program's database).";
    VerifyTooNew => "这份备份来自更新版本的 POS Care 维护助手（数据版本 {found}，本程序最高支持 {supported}）。请先升级本程序。", "This backup comes from a newer version of POS Care (data version {found}; this program supports up to {supported}). Please update the program first.";
    VerifyDamaged => "这份备份文件已损坏，不能用来恢复。（给技术人员看的细节：{detail}）", "This backup file is damaged and cannot be restored from. (Details for a technician: {detail})";
    VerifyNotFound => "找不到这个文件，请检查路径或 U 盘是否插好。", "There is no such file; please check the path, or whether the USB stick is plugged in.";
    VerifyIncomplete => "这份备份标着旧版本，但里面的表和那个版本的不一样，无法升级到本版本（可能是没写完或被改过的文件）。请换一份备份。", "This backup says it comes from an older version, but its tables are not that version's, so it cannot be brought up to this version (the file may be half-written or edited). Please choose another backup.";
    VerifyUnreadable => "读不了这个文件（{detail}）。", "The file cannot be read ({detail}).";
    VerifyReadFailed => "这个文件没能读完：磁盘或 U 盘读取出错（U 盘是不是拔掉了？）。文件本身不一定坏了：插好 U 盘再试一次。", "The file could not be read through: the disk or USB stick gave a read error (was the stick pulled out?). The file itself is not necessarily damaged: plug the stick in again and try again.";
    BackupErrFolder => "不能写入这个文件夹：{detail}。U 盘是否已插好、没有写保护？", "Cannot write to the folder: {detail}. Is the USB stick plugged in and not write-protected?";
    BackupErrOwnFolder => "数据文件夹里的备份文件夹 {dir} 建不起来：{detail}。", "The backups folder in the data folder, {dir}, cannot be made: {detail}.";
    BackupErrOwnFolderFile => "数据文件夹里的 {dir} 是一个文件，不是备份文件夹。请把它移走或改名，再试一次。", "In the data folder, {dir} is a file, not the backups folder. Move or rename it and try again.";
    BackupErrWrite => "写备份时出错：{detail}。请看看磁盘是不是满了，或是不是只读的。", "Writing the copy failed: {detail}. Please check that the disk is not full or read-only.";
    BackupErrVerify => "备份写完后检查没有通过：{detail}", "The copy failed its check after writing: {detail}";
    BackupsTitle => "备份", "Backups";
    BackupsIntro => "程序每天自动在数据文件夹里留一份备份。电脑坏了或丢了，这些也会一起没有，所以请定期备份到 U 盘或另一台电脑。", "The app keeps a daily backup in the data folder. If the PC breaks or is stolen those go with it, so please back up to a USB stick or another computer regularly.";
    BackupsExternal => "备份到 U 盘或其他文件夹", "Back up to a USB stick or another folder";
    BackupsDaysAgo => "{n} 天前", "{n} {n|day|days} ago";
    BackupsToday => "今天", "today";
    BackupsYesterday => "昨天", "yesterday";
    BackupsDatedAhead => "日期比今天晚 {n} 天：电脑的时间是不是不对？", "dated {n} {n|day|days} after today: is the PC's clock wrong?";
    BackupsReminderLabel => "超过几天没备份就提醒", "Remind me after this many days without a backup";
    BackupsReminderHelp => "天（1–90）", "days (1–90)";
    BackupsReminderBad => "提醒间隔请填 1 到 90 之间的天数。", "Please enter a reminder interval from 1 to 90 days.";
    BackupsReminderSaved => "已保存：超过 {n} 天没备份就提醒。", "Saved: you will be reminded after {n} {n|day|days} without a backup.";
    BackupsAuto => "自动备份（数据文件夹里）", "Automatic backups (in the data folder)";
    BackupsAutoHelp => "最近 7 天每天一份，最近 8 周每周一份，最近 12 个月每月一份；更早的自动清理。升级和恢复前的备份：一个月内的全部保留，更早的各留最近 3 份。", "One a day for the last 7 days, one a week for 8 weeks, one a month for 12 months; older ones are cleared. Copies taken before an upgrade or a restore are all kept for a month, then the 3 newest of each.";
    BackupsColWhen => "时间", "When";
    BackupsColKind => "类型", "Kind";
    BackupsColSize => "大小", "Size";
    BackupsKindAuto => "每日自动", "Daily";
    BackupsKindPreMigration => "升级前", "Before upgrade";
    BackupsKindPreRestore => "恢复前", "Before restore";
    BackupsKindManual => "手动", "Manual";
    BackupsKindRestored => "已恢复", "Restored";
    BackupsRestoreThis => "恢复这一份…", "Restore this…";
    BackupsRestoreFile => "从备份文件恢复", "Restore from a backup file";
    BackupsRestoreHelp => "例如从 U 盘恢复到新电脑。恢复前先检查文件；当前的数据会先自动备份一份，不会丢。", "For example, from a USB stick onto a new PC. The file is checked first, and the current data is backed up before it is replaced, so nothing is lost.";
    BackupsRestoreFileLabel => "备份文件", "Backup file";
    BackupsInFolder => "这个文件夹里的备份（最新的在前），点一份选它：", "The backups in this folder (newest first); click one to choose it:";
    BackupsNamedAhead => "（比今天晚）", "(later than today)";
    BackupsNamedAheadWhy => "做这份备份时，电脑时钟走快了：它的名字比今天晚。", "The PC's clock was ahead when this backup was made: its name is later than today.";
    BackupsMoreInFolder => "这个文件夹里还有 {n} 份更早的备份没列出：要用其中一份，请输入它的完整路径。", "This folder holds {n} older {n|backup|backups} not listed: to use one, type its full path.";
    BackupsFolderUnreadable => "读不了这个文件夹：{why}", "This folder cannot be read: {why}";
    BackupsNoneInFolder => "这个文件夹里没有 POS Care 的备份（文件名像 poscare-20261206-093000-manual.db）。请选 U 盘上备份所在的文件夹或文件。", "This folder holds no POS Care backup (named like poscare-20261206-093000-manual.db). Choose the folder or file on the USB stick where the backup is.";
    BackupsUseLastToFolder => "用最近一次备份到文件夹的文件（{when}）：{file}", "Use the last backup made to a folder ({when}): {file}";
    BackupsChooseFile => "选择文件…", "Choose file…";
    BackupsRestoreStart => "恢复…", "Restore…";
    BackupsNoFile => "请先选择或填写备份文件。", "Please choose or type the backup file first.";
    BackupsConfirmTitle => "确定要恢复吗？", "Restore this backup?";
    BackupsConfirmText => "将用这份备份替换现在的全部数据：\n{file}\n\n文件已检查，完好可用。里面有：{contents}\n其中最新的记录：{newest}\n店名、界面语言和文字大小等设置也会变回备份时的样子。\n\n现在的数据会先自动备份到数据文件夹的 backups 里，需要时可以再恢复回来。", "All current data will be replaced by this backup:\n{file}\n\nThe file was checked and is good. It holds {contents}.\nIts newest record: {newest}\nThe settings, such as the shop's name, the language and the text size, also go back to what they were then.\n\nThe current data is first backed up into the backups folder of the data folder, so you can go back if needed.";
    BackupsConfirmNow => "现在的数据有：{contents}；其中最新的记录：{newest}。", "The current data holds {contents}; its newest record: {newest}.";
    BackupsOtherShop => "这份备份是另一家店的：“{backup}”（现在的数据是“{now}”的）。恢复后，这台电脑上就是那家店的记录了。", "This backup is another shop's: “{backup}” (the current data is “{now}”). After the restore, this PC holds that shop's records.";
    CountDevices => "设备 {n} 台", "{n} {n|device|devices}";
    CountIncidents => "故障记录 {n} 条", "{n} {n|incident|incidents}";
    CountCompletions => "检查记录 {n} 条", "{n} check {n|record|records}";
    CountStaff => "员工 {n} 人", "{n} staff {n|member|members}";
    BackupsConfirmFewer => "恢复后，现在的数据里会少掉：{fewer}（恢复前会先把现在的数据备份一份）。", "After the restore the data will have fewer records: {fewer} fewer (the current data is backed up first).";
    BackupsConfirmNewerEmpty => "现在的数据里有记录（最新的是 {now}），这份备份里一条也没有：恢复以后，现在的记录都不在数据里了，只留在先另存的那份备份里。", "The current data holds records (the newest {now}) and this backup none: after the restore, all of them are no longer in the data, only in the copy kept first.";
    BackupsConfirmNewer => "现在的数据比这份备份新（最新的记录是 {now}，备份里的是 {backup}）：恢复以后，{backup} 之后记下的内容就不在现在的数据里了，只留在先另存的那份备份里。", "The current data is newer than this backup (its newest record {now}, the backup's {backup}): after the restore, what was recorded after {backup} is no longer in the data, only in the copy kept first.";
    BackupsContents => "设备 {devices} 台、故障记录 {incidents} 条、检查记录 {completions} 条、员工 {staff} 人", "{devices} {devices|device|devices}, {incidents} {incidents|incident|incidents}, {completions} check {completions|record|records} and {staff} staff {staff|member|members}";
    BackupsFolderEmpty => "⚠ 里面没有记录（空的数据）", "⚠ Holds no records (empty data)";
    BackupsFolderBad => "⚠ 不能用：{why}", "⚠ Cannot be used: {why}";
    BackupsNewestNone => "没有记录", "none";
    BackupsInspecting => "正在检查备份文件…", "Checking the backup file…";
    BackupsConfirmYes => "确定恢复", "Yes, restore";
    BackupsCheckAll => "检查所有备份", "Check every backup";
    BackupsChecking => "正在检查备份… 已用 {secs} 秒", "Checking the backups… {secs} s";
    BackupsColCheck => "检查结果", "Check";
    BackupsNotChecked => "未检查", "not checked";
    BackupsGood => "完好", "good";
    BackupsBad => "已损坏，不能用", "damaged, unusable";
    BackupsAllGood => "所有备份都检查过了，完好可用。", "Every backup was checked and is good.";
    BackupsSomeBad => "有 {n} 份备份已损坏，不能用来恢复。请尽快再备份一次。", "{n} {n|backup is|backups are} damaged and cannot be restored. Please make a new backup soon.";
    BackupsRestoring => "正在检查并恢复… 已用 {secs} 秒", "Checking and restoring… {secs} s";
    BackupsRestoreFailed => "没有恢复，现在的数据没有任何改动：{detail}", "Nothing was restored and the current data is unchanged: {detail}";
    BackupsLog => "备份记录", "Backup log";
    BackupsLogEmpty => "还没有备份记录。", "No backups logged yet.";
    BackupsLogFailed => "失败", "failed";
    BackupsOpenFolder => "打开备份文件夹", "Open the backups folder";
    TodayBackupOk => "✓ 上次备份到 U 盘：{when}（{days}）", "✓ Last backup to a USB stick: {when} ({days})";
    TodayBackupDue => "⚠ 已经 {n} 天没有备份到 U 盘了（提醒间隔 {interval} 天）", "⚠ No backup to a USB stick for {n} {n|day|days} (reminder after {interval} {interval|day|days})";
    TodayBackupNever => "⚠ 还没有备份到 U 盘。电脑坏了或丢了，数据就找不回来了。", "⚠ Nothing has been backed up to a USB stick yet. If the PC breaks or is lost, the data is gone.";
    TodayBackupGo => "去备份", "Back up now";
    BackupAutoNote => "备份成功后自动记录：{path}", "Recorded automatically after a successful backup: {path}";
    // End of backups screen keys.
    // Settings: the renderer (src/ui/renderer.rs).
    SetRenderer => "画面显示方式", "Renderer";
    RendererAutomatic => "自动", "Automatic";
    RendererCompatibility => "兼容模式（OpenGL）", "Compatibility (OpenGL)";
    RendererInUse => "现在使用：{used}", "In use now: {used}";
    RendererAvoided => "{at} 启动时用 {failed} 没能显示窗口，所以现在改用 {used}。", "At {at} the window did not appear with {failed}, so {used} is used instead.";
    RendererRetry => "下次启动时再试 {failed}", "Try {failed} again at the next start";
    RendererNextStart => "更改在下次打开本程序时生效。如果窗口显示不正常（黑屏、闪烁或打不开），请选择兼容模式。",
        "Changes take effect the next time POS Care opens. If the window looks wrong (black, flickering, or does not open), choose compatibility.";
    RendererSaved => "已保存，下次打开本程序时生效。", "Saved. It takes effect the next time POS Care opens.";
    RendererFellBack => "上次打开时窗口没能显示出来（用 {failed} 显示时出了问题），这次改用 {used}。可以在“设置 → 画面显示方式”里更改。",
        "The window did not appear last time (showing it with {failed} failed), so this time it uses {used}. You can change this in Settings → Renderer.";
    RendererUnavailable => "这台电脑不能用 {failed} 显示窗口，已改用 {used}。可以在“设置 → 画面显示方式”里更改。",
        "This PC cannot show the window with {failed}, so {used} is used instead. You can change this in Settings → Renderer.";
    // Settings: open when Windows starts (src/autostart.rs, the HKCU Run value the installer writes).
    SetAutostart => "开机自动打开", "Open when Windows starts";
    AutostartToggle => "开机时自动打开 POS Care 维护助手（每天开机后，当天的检查清单已经在屏幕上）", "Open POS Care 维护助手 when Windows starts (the day's checklist is on screen when the PC is switched on)";
    AutostartOtherCopy => "现在开机时打开的是另一份 POS Care：{path}。打勾会改成打开这一份。", "At startup another copy of POS Care opens now: {path}. Ticking the box makes it open this one.";
    AutostartFailed => "没能更改开机自动打开：{detail}", "Could not change opening at startup: {detail}";
    AutostartOn => "以后开机时会自动打开 POS Care 维护助手。", "POS Care 维护助手 will open when Windows starts.";
    AutostartOff => "以后开机时不会自动打开 POS Care 维护助手。", "POS Care 维护助手 will not open when Windows starts.";
    AutostartWindowsOnly => "只有在 Windows 上才能设置开机自动打开。", "Opening at startup can be set on Windows only.";
    About => "关于", "About";
    AboutText => "POS Care 维护助手 {version}。数据只保存在这台电脑上，不联网上传。", "POS Care 维护助手 {version}. Your data stays on this computer and is never uploaded.";
    // Lookup: safe answers (issue 12)
    RetryNoQr => "这笔没有收成功：请顾客换一种付款方式，不要反复扫码", "Not paid: ask for another way to pay, and do not keep scanning";
    RetryAlreadyPaid => "这笔已经付款成功：不要再收一次款，小票没打出来就补打", "The payment went through: do not charge again, only reprint the slip if it is missing";
    RetryAlreadyPaidQr => "这笔已经付过了：不要再收一次款", "Already paid: do not charge again";
    LookupUnknownCode => "软件里查不到代码 {code}。请核对屏幕上的代码，把它旁边的文字也输进来；拿不准时，先查最后一笔交易有没有成功，再决定要不要重新收款。", "There is no entry for code {code}. Check the code on the screen and type the words beside it too; if in doubt, check whether the last transaction went through before charging again.";
    OpenCannotUpgrade => "{path} 标明是旧版 POS Care 的数据（数据版本 {found}），但里面的表和那个版本对不上，所以升级没有完成。升级前留下的完整备份在 {backups}。请把这个数据文件夹交给技术人员检查。", "{path} says it holds data of an older POS Care (data version {found}), but its tables are not what that version had, so the upgrade could not be finished. A whole copy taken before the attempt is in {backups}. Please have a technician look at this data folder.";
    OpenCannotWrite => "数据文件不能写入：{why}。\n{path}\n请在文件属性里取消“只读”，或用有权限的 Windows 账户打开 POS Care。数据没有改动。", "The data file cannot be written: {why}.\n{path}\nClear its read-only attribute, or open POS Care with an account that may write it. Nothing was changed.";
    OpenRecoveryPending => "原来的数据出了问题，还没有恢复：{what}。\n现在的数据文件是之后新建的空白文件。请打开 POS Care 窗口从备份恢复，或运行 poscare restore 加上备份文件。\n{path}", "The shop's data had a problem that is not yet repaired: {what}.\nThe data file now is the blank one started after it. Open POS Care (the window) to restore a backup, or run poscare restore with a backup file.\n{path}";
    OpenNeedsUpgrade => "{path} 是旧版 POS Care 的数据（数据版本 {found}）。请先打开一次 POS Care 窗口，它会先备份再升级数据；之后命令就能读取了。", "{path} holds data of an older POS Care (data version {found}). Open the POS Care window once: it backs the data up and upgrades it; commands can read it after that.";
    RowProblems => "有 {n} 条记录读不出来，暂时没有显示：{which}。它们原样留在数据文件里，没有删除；请把这句话告诉技术人员，他们可以修复。其余的记录都正常。", "{n} {n|record|records} could not be read and {n|is|are} left out for now: {which}. {n|It stays|They stay} in the data file unchanged, never deleted; show this to a technician, who can repair {n|it|them}. Everything else is as usual.";
    RowRuleBroken => "有 {n} 条记录不合规则：{which}。它们照常显示，原样留在数据文件里；请把这句话告诉技术人员，他们可以修复。", "{n} {n|record breaks|records break} a rule: {which}. {n|It is|They are} shown as {n|it is|they are} and {n|stays|stay} in the data file unchanged; show this to a technician, who can repair {n|it|them}.";
    RowPointsTo => "（指向的{what}已不存在）", " (its {what} is not there)";
    RowBadValue => "（{what} 不是有效的值）", " ({what} is not a valid value)";
    RowCompletion => "完成记录", "check record";
    RowDraft => "勾到一半的检查", "check being ticked";
    RowPostponed => "推迟的检查", "check put off";
    RowTask => "任务", "task";
    RowDevice => "设备", "device";
    RowStaff => "员工", "staff member";
    RowIncident => "故障记录", "incident";
    RowSetting => "设置", "setting";
    SetReminders => "提醒", "Reminders";
    OpeningTime => "开店时间", "Opening time";
    OpeningTimeHelp => "当天要做的检查在这个时间提醒；开店检查在开店一小时后还没做时再提醒。", "Checks due today are announced at this time; the opening check again an hour later if it is still not done.";
    OpeningTimeBad => "请按 时:分 填写，例如 09:00。", "Please write it as HH:MM, e.g. 09:00.";
    QuietReminders => "安静：不弹出桌面通知（托盘图标仍显示待做的检查）", "Quiet: no desktop notifications (the tray icon still counts the checks to do)";
    CloseToTray => "关闭窗口时留在右下角的通知区域，好继续提醒（从托盘菜单“退出”才真正退出）", "When the window is closed, stay in the notification area so reminders keep coming (Quit in the tray menu really quits)";
    ReachNotifications => "提醒会以桌面通知弹出，并显示在通知区域的图标上。", "Reminders pop up as desktop notifications and show on the notification-area icon.";
    ReachAttentionOnly => "这台电脑上没有可用的桌面通知服务：POS Care 会让任务栏按钮闪烁来提醒。", "This PC has no desktop notification service that answers: POS Care flashes its taskbar button instead.";
    ReachNoTray => "这台电脑没有通知区域（托盘）：关闭窗口就会退出，提醒只在窗口打开时出现。", "This PC has no notification area (tray): closing the window quits, and reminders only come while it is open.";
    Saved => "已保存", "Saved";
    AppShortName => "POS Care 维护助手", "POS Care";
    TrayNothingDue => "POS Care：今天的检查都做完了", "POS Care: today's checks are all done";
    TrayDue => "POS Care：{n} 项检查待做", "POS Care: {n} {n|check|checks} to do";
    TrayOpen => "打开 POS Care", "Open POS Care";
    TrayToday => "今天的检查", "Today's checklist";
    TrayLookup => "查终端提示", "Look up a prompt";
    TrayBackUp => "立即备份", "Back up now";
    TrayQuit => "退出", "Quit";
    RemindOpeningTitle => "开店检查还没做：{task}", "The opening check is not done yet: {task}";
    RemindOpeningBody => "开门已经一个小时了。点开 POS Care，在“今日”里逐项打勾。", "The shop opened an hour ago. Open POS Care and tick it off on Today.";
    RemindTaskTitle => "今天要做：{task}", "Due today: {task}";
    RemindOverdueTitle => "过期没做：{task}", "Overdue: {task}";
    RemindTaskBody => "点开 POS Care，在“今日”里做完并打勾。", "Open POS Care and tick it off on Today.";
    RemindBackupTitle => "该备份到 U 盘了", "Time for a backup to a USB stick";
    RemindBackupBody => "上次备份到 U 盘是 {days} 天前。插上 U 盘，在“备份”里点“开始备份”。", "The last backup to a USB stick was {days} {days|day|days} ago. Plug in the stick and press Start backup on the Backups screen.";
    RemindBackupNever => "还从没备份到 U 盘。电脑坏了或丢了，数据就找不回来了。", "Never backed up to a USB stick yet. If the PC breaks or is lost, the data is gone.";
    RemindRepeatTitle => "同一个故障反复出现：{subject}", "A fault keeps coming back: {subject}";
    RemindRepeatBody => "{days} 天里出现了 {count} 次。打开“分析”看看是哪台终端，考虑报修。", "{count} {count|time|times} in {days} {days|day|days}. Open Insights to see which terminal, and consider calling for repair.";
    RemindOutageTitle => "应急预案还在进行中", "An emergency plan is still running";
    RemindOutageBody => "刷卡已经中断 {minutes} 分钟了。恢复后记得在“应急预案”里点结束。", "Card payments have been down for {minutes} minutes. When they are back, end the run on the Emergency screen.";
    RemindTrainingTitle => "培训该复习了：{person}", "Training due: {person}";
    RemindTrainingBody => "“{module}”该复习了。在“员工培训”里记下这次培训。", "“{module}” is due for a refresher. Record it on the Staff screen.";
    ClockTitle => "请先确认今天的日期", "Please confirm today's date";
    ClockConfirm => "对，今天是 {day}", "Yes, today is {day}";
    ClockWrong => "不对，电脑时钟错了（先不记录漏做的检查）", "No, the clock is wrong (record no missed checks yet)";
    ClockConfirmedRecordsAhead => "有 {n} 条记录的日期晚于今天，是电脑时钟走快的时候记下的（比如那些天被记成“漏做”的检查）。如果它们不对，请到“备份”里恢复时钟走快之前的那份备份。", "{n} {n|record is|records are} dated after today: written while the PC's clock was ahead (checks recorded as missed on those days, for example). If they are wrong, restore the backup from before the clock ran ahead on the Backups screen.";
    ClockAhead => "电脑的时钟显示今天是 {clock}，可是 POS Care 上次使用是 {latest}，中间隔了很久。请先确认日期：时钟不对时，补记的“漏做”检查和备份日期都会错，而且改不回来。", "The PC's clock says today is {clock}, but POS Care was last used on {latest}, long before. Please confirm the date first: with a wrong clock, the checks recorded as missed and the backup dates would be wrong, for good.";
    ClockBehind => "电脑的时钟显示今天是 {clock}，比 POS Care 里最新的记录（{latest}）还早。电脑时钟可能不对（比如主板电池没电）。请检查电脑的日期和时间。", "The PC's clock says today is {clock}, earlier than the newest record in POS Care ({latest}). The clock may be wrong (a flat CMOS battery, for example). Please check the PC's date and time.";
    BackupNotRecordedReadOnly => "数据所在的盘或文件夹不能写入（只读，比如 U 盘的写保护开关打开了；或者这个账户没有写入权限）：备份文件已经写好并检查过，但这次备份没有记在数据里，上次备份的日期和计划里的备份任务都没有变。", "The data's drive or folder cannot be written (read-only, say a USB stick's write-protect switch is on, or this account may not write there): the backup file was written and checked, but this backup is not recorded in the data; the date of the last backup and the plan's backup tasks are unchanged.";
    BackupNotRecordedClock => "备份文件已经写好并检查过，但因为电脑时钟不可信，这次备份、它完成的任务和漏做的检查都没有记下来。请先改好电脑的日期和时间（或打开 POS Care 确认今天的日期），再备份一次。", "The backup file was written and checked, but because the PC's clock cannot be trusted, neither the backup nor the tasks it completes nor any missed checks were recorded. Correct the PC's date and time (or open POS Care and confirm today's date), then back up again.";
    BackupWrittenNotRecorded => "备份已写到 {path}，但电脑时钟不可信，这次备份没有记下来。请先确认今天的日期，再备份一次。", "The backup was written to {path}, but the PC's clock cannot be trusted, so it was not recorded. Confirm today's date first, then back up again.";
    LookupMoneyWords => "屏幕上说“{words}”：这笔钱可能已经扣了。先查最后一笔交易，弄清楚之前不要再收一次。", "The screen says “{words}”: the money may already have been taken. Check the last transaction first; do not charge again until it is clear.";
    LookupMoneyWordsRefund => "屏幕上说“{words}”：这笔退款可能已经退成功了。先查这笔退款，弄清楚之前不要再退一次。", "The screen says “{words}”: the refund may already have gone through. Look it up first; do not refund again until it is clear.";
    LookupCodeOverruled => "代码 {code} 通常是“{title}”，但屏幕上的文字说的是别的意思；下面按文字给出答案。", "Code {code} usually means “{title}”, but the words on the screen say something else; the answer below follows the words.";
    LookupCheckLast => "如果出现这条提示时正在收款：先查最后一笔交易，看钱有没有扣走，再按下面的做。", "If a payment was under way when this appeared: first check the last transaction to see whether money was taken, then follow the steps below.";
    LookupUnknownCodeText => "软件里查不到代码 {code}；下面是按屏幕上的文字找到的结果：", "There is no entry for code {code}; these results match the words on the screen:";
    DetailSource => "资料来源", "Where this comes from";
    ShowSheet => "查看报修单", "Show call sheet";
    HideSheet => "收起报修单", "Hide call sheet";
    LookupCheckLastAlone => "如果出现这条提示时正在收款：先查最后一笔交易，看钱有没有扣走，再决定要不要重新收款。", "If a payment was under way when this appeared: first check the last transaction to see whether money was taken before charging again.";
    CliNoMatch => "没有找到匹配的提示。", "No matching prompt found.";
    CliNearest => "没有找到确切匹配，以下是最接近的结果：", "No exact match; the nearest results:";
    // Insights (issue 14)
    NavInsights => "分析", "Insights";
    FamilyCardRead => "读卡失败", "Card-read failures";
    FamilyCommunication => "通讯故障", "Communication failures";
    FamilySignOnKey => "签到/密钥错误", "Sign-on and key errors";
    FamilyPrinter => "打印机故障", "Printer faults";
    FamilyReversal => "冲正", "Reversals";
    FamilyOther => "卡、账户、银行或不明", "Card, account, bank, or not known";
    AdviceCardRead => "用清洁卡清洁刷卡槽和芯片卡座；清洁后仍常读不出卡，请联系收单机构更换机具。", "Clean the card slot and the chip reader with a cleaning card; if cards still fail to read, ask the acquirer for a replacement terminal.";
    AdviceCommunication => "检查网线、路由器和 SIM 卡（信号、欠费、是否插好）；网络正常仍常断线，请联系收单机构。", "Check the network cable, the router and the SIM card (signal, credit, seated properly); if the network is fine and it still keeps dropping, call the acquirer.";
    AdviceSignOnKey => "先重新签到；签到后仍反复出现，请联系收单机构重新下载密钥。", "Sign on again; if it keeps coming back after signing on, ask the acquirer to load new keys.";
    AdvicePrinter => "检查纸卷型号和装纸方向，清洁打印头；仍常出错，请报修或更换打印机。", "Check the paper roll type and how it is loaded, and clean the print head; if it keeps failing, have the printer repaired or replaced.";
    AdviceReversal => "冲正说明交易结果没有按时返回：先检查网络，核对结算是否平账，请收单机构确认顾客没有被重复扣款；反复出现请更换机具。", "Reversals mean a payment's answer did not come back in time: check the network, check that settlement balanced, and ask the acquirer to confirm no customer was charged twice; if it keeps happening, ask for a replacement terminal.";
    AdviceOther => "留意这个提示，必要时咨询收单机构。", "Keep an eye on this prompt and ask the acquirer if needed.";
    AdviceWarranty => "这台终端已过保修期，故障越来越多：请和收单机构商量更换。", "This terminal is past its warranty and failing more often: talk to the acquirer about a replacement.";
    AdviceSlipping => "这项任务一再迟做或漏做：换个更合适的时间、指定负责人，或把清单精简一些。", "This task keeps being done late or missed: move it to a better time, name who does it, or make the checklist shorter.";
    AdviceTrainingLapsed => "安排复训，并在“员工”页记下来。", "Arrange the refresher and record it on the Staff screen.";
    RuleBadCount => "{family}：次数须是 {min} 到 {max} 之间的整数（现在是“{typed}”）。", "{family}: the count must be a whole number from {min} to {max} (now “{typed}”).";
    RuleBadDays => "{family}：天数须是 {min} 到 {max} 之间的整数（现在是“{typed}”）。", "{family}: the days must be a whole number from {min} to {max} (now “{typed}”).";
    WarnWithAdvice => "⚠ {warning}。建议：{advice}", "⚠ {warning}. {advice}";
    WarnRepeat => "{device}：{days} 天内{family} {count} 次", "{device}: {family} {count} {count|time|times} in {days} {days|day|days}";
    WarnWarranty => "{device}：已过保修期，近 90 天读卡或打印的故障 {count} 次，比再往前 90 天多", "{device}: past its warranty, {count} card-reading or printing {count|fault|faults} in the last 90 days, more than in the 90 days before";
    WarnSlipping => "“{task}”近 60 天迟做或漏做 {count} 次", "“{task}” was late or missed {count} {count|time|times} in 60 days";
    WarnTrainingLapsed => "{who}：复训 {due} 起已过期", "{who}: refresher overdue since {due}";
    InsightsIntro => "这里把多年的记录画成图：哪台终端总出同样的故障、检查有没有按时做、收款中断了多久、备份做了没有。点一下柱子就能看到对应的记录。", "Years of records as pictures: which terminal keeps showing the same fault, whether checks are done on time, how long card payment was down, and when backups were made. Click a bar to see the records behind it.";
    InsightsWarnings => "需要注意", "Needs attention";
    InsightsNoWarnings => "没有发现反复出现的问题：没有哪台终端的同一类故障达到提醒的次数（次数和天数见本页的“提醒条件”，可以改），检查和复训也没有一再拖延。（还没解决的故障和设备的保修，在“查提示”的故障记录和“设备”里看。）", "No pattern needs attention: no terminal has had the same kind of fault as often as a warning needs (the times and days are under ‘When to warn’ on this page, and can be changed), and no check or refresher keeps slipping. (Open incidents are under Look up → Incidents; warranties under Devices.)";
    InsightsAcknowledge => "知道了", "Got it";
    InsightsAcknowledgeName => "知道了：{warning}", "Got it: {warning}";
    InsightsAcknowledged => "已确认。同样的情况再次出现时会重新提醒。", "Noted. You will be warned again if it happens again.";
    InsightsShowRecords => "查看记录", "Show records";
    InsightsShowRecordsName => "查看记录：{warning}", "Show records: {warning}";
    InsightsAckedCount => "另有 {n} 条已确认的提醒（再次出现时会重新显示）。", "{n} more acknowledged (shown again if they recur).";
    InsightsPeriod => "时间范围", "Period";
    InsightsMonths12 => "近 12 个月", "Last 12 months";
    InsightsMonths36 => "近 3 年", "Last 3 years";
    InsightsMonths120 => "近 10 年", "Last 10 years";
    InsightsDevice => "设备", "Device";
    InsightsWholeShop => "全店", "Whole shop";
    InsightsReadFailed => "分析数据读取失败：{detail}", "Could not read the figures: {detail}";
    ChartIncidents => "每月故障次数（按类别）", "Incidents per month, by kind";
    ChartPrompts => "近 90 天最常见的故障提示（按终端，不含顾客那边的原因）", "Fault prompts seen most in the last 90 days, per terminal (not customers' refusals)";
    ChartChecklist => "每周任务完成情况", "Tasks per week";
    ChartOutages => "每月收款中断分钟数", "Outage minutes per month";
    ChartBackups => "外部备份（U 盘等）", "Outside backups (USB stick etc.)";
    ChartOnTime => "按时", "On time";
    ChartLate => "迟做", "Late";
    ChartMissed => "漏做", "Missed";
    ChartMinutes => "分钟", "minutes";
    ChartTimes => "次", "times";
    ChartNoIncidents => "这段时间没有故障记录。", "No incidents in this period.";
    ChartNoPrompts => "这 90 天里没有终端提示的记录。", "No terminal prompts recorded in these 90 days.";
    ChartNoChecklist => "这段时间没有到期的任务。", "No tasks were due in this period.";
    ChartNoOutages => "这段时间没有收款中断。", "No outages in this period.";
    ChartNoBackups => "这段时间没有做过外部备份。", "No outside backups in this period.";
    ChartChecklistMonthly => "每月任务完成情况", "Tasks per month";
    ChartHoverTotal => "合计：{value}", "Total: {value}";
    InsightsCustom => "自定义…", "Custom…";
    InsightsShowing => "显示的是 {from} 至 {to}", "Showing {from} to {to}";
    InsightsRangeFrom => "开始日期", "Start date";
    InsightsRangeTo => "结束日期", "End date";
    InsightsRangeShow => "查看这段时间", "Show this period";
    InsightsRangePick => "日历", "Calendar";
    InsightsRangePickName => "{field}：从日历中选", "{field}: pick from the calendar";
    InsightsRangeMissing => "{field}：请填写一个日期，例如 2026-03-18。", "{field}: enter a date, such as 2026-03-18.";
    InsightsRangeNotADate => "{field}：“{typed}”不是有效的日期，请按 2026-03-18 这样填写。", "{field}: “{typed}” is not a real date; write it like 2026-03-18.";
    InsightsRangeYear => "{field}：年份要在 {first} 到 {last} 之间，“{typed}”不在其中。", "{field}: the year must be from {first} to {last}; “{typed}” is not.";
    InsightsRangeReversed => "开始日期 {from} 晚于结束日期 {to}，请改正其中一个。", "The start date {from} is after the end date {to}; correct one of them.";
    InsightsRangeKept => "图表没有改变，仍是 {from} 至 {to}。", "The charts are unchanged: still {from} to {to}.";
    InsightsCounting => "正在统计…", "Counting…";
    InsightsChartsPending => "统计好后，图表会显示在这里。", "The charts will appear here once counted.";
    CalPrevYear => "上一年", "Previous year";
    CalPrevMonth => "上个月", "Previous month";
    CalNextMonth => "下个月", "Next month";
    CalNextYear => "下一年", "Next year";
    CalWeekdays => "一 二 三 四 五 六 日", "Mo Tu We Th Fr Sa Su";
    ChartName => "图表：{chart}", "Chart: {chart}";
    ChartClickHint => "鼠标移到柱子上看数字，点一下查看对应记录。", "Hover a bar to see its numbers; click it to see the records.";
    ChartBackupCount => "共 {n} 次，最近一次 {last}", "{n} in all, the last on {last}";
    InsightsRules => "提醒条件", "When to warn";
    InsightsRulesIntro => "同一台终端在几天内出现几次同类故障就提醒。", "Warn when one terminal shows the same kind of fault this many times within this many days.";
    RuleCountName => "{family}：次数", "{family}: times";
    RuleDaysName => "{family}：天数", "{family}: days";
    RuleLine => "次 /", "times within";
    RuleDaysUnit => "天", "days";
    InsightsRulesSave => "保存提醒条件", "Save warning rules";
    InsightsRulesReset => "恢复默认", "Back to defaults";
    InsightsRulesSaved => "提醒条件已保存。", "Warning rules saved.";
    TodayAttention => "需要注意", "Needs attention";
    TodayAttentionMore => "还有 {n} 条，见“分析”页", "{n} more on the Insights screen";
    TodayOpenInsights => "打开分析", "Open Insights";
    ReportInsights => "图表", "Charts";
    ReportWarnings => "反复出现的故障", "Faults that keep coming back";
    ReportNoWarnings => "这段时间没有反复出现的故障。", "No fault kept coming back in this period.";
    CliInsightsHeading => "{from} 至 {to} 的分析{device}", "Insights from {from} to {to}{device}";
    CliInsightsMonthLine => "{month}：故障 {incidents} 次，收款中断 {minutes} 分钟，任务按时 {on_time} / 迟做 {late} / 漏做 {missed}", "{month}: {incidents} {incidents|incident|incidents}, {minutes} outage {minutes|minute|minutes}, tasks on time {on_time} / late {late} / missed {missed}";
    CliInsightsCurrent => "当前需要注意：", "Needs attention now:";
    CliInsightsPeriod => "这段时间反复出现的故障：", "Faults that kept coming back in this period:";
    CliInsightsNone => "（没有）", "(none)";
    CliInsightsMonths => "每月数字：", "Month by month:";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aside_takes_the_brackets_of_its_language() {
        assert_eq!(Lang::Zh.aside("damaged/a.db"), "（damaged/a.db）");
        assert_eq!(Lang::En.aside("damaged/a.db"), " (damaged/a.db)");
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for key in T::ALL {
            for lang in Lang::ALL {
                assert!(
                    !key.text(lang).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
            let zh = key.text(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || zh == "POS"
                    // Only patterns: their Chinese is a full-width colon, the list comma or
                    // the semicolon.
                    || *key == T::LabelValue
                    || *key == T::ListSeparator
                    || *key == T::GroupSeparator,
                "{key:?} has no Chinese text: {zh}"
            );
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        fn names(s: &str) -> Vec<&str> {
            let mut out: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                .map(|name| name.split('|').next().unwrap_or(name))
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        }
        for key in T::ALL {
            assert_eq!(
                names(key.text(Lang::Zh)),
                names(key.text(Lang::En)),
                "{key:?}"
            );
        }
    }

    #[test]
    fn a_message_in_brackets_loses_its_full_stop() {
        assert_eq!(Lang::bracketed("The disk is full."), "The disk is full");
        assert_eq!(Lang::bracketed("磁盘已满。"), "磁盘已满");
        assert_eq!(Lang::bracketed("no stop"), "no stop");
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let s = Lang::En.fill(
            T::ErrTooLong,
            &[("field", "Name"), ("max", "80"), ("len", "81")],
        );
        assert_eq!(s, "“Name” is too long: at most 80 characters, now 81.");
    }

    #[test]
    fn english_counts_choose_singular_or_plural() {
        let ago = |n: &str| Lang::En.fill(T::BackupsDaysAgo, &[("n", n)]);
        assert_eq!(ago("1"), "1 day ago");
        assert_eq!(ago("2"), "2 days ago");
        assert_eq!(ago("11"), "11 days ago");
        let bad = |n: &str| Lang::En.fill(T::BackupsSomeBad, &[("n", n)]);
        assert!(bad("1").starts_with("1 backup is damaged"), "{}", bad("1"));
        assert!(
            bad("3").starts_with("3 backups are damaged"),
            "{}",
            bad("3")
        );
        assert_eq!(Lang::Zh.fill(T::BackupsDaysAgo, &[("n", "1")]), "1 天前");
    }

    #[test]
    fn no_plural_form_is_left_unfilled() {
        for key in T::ALL {
            for lang in Lang::ALL {
                let text = key.text(lang);
                let mut args = Vec::new();
                for rest in text.split('{').skip(1) {
                    if let Some((name, _)) = rest.split_once('}') {
                        args.push(name.split('|').next().unwrap_or(name));
                    }
                }
                let filled: Vec<(&str, &str)> = args.iter().map(|a| (*a, "2")).collect();
                let out = lang.fill(*key, &filled);
                assert!(!out.contains('|'), "{key:?} in {lang:?}: {out}");
            }
        }
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
