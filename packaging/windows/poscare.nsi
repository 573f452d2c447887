; The Windows installer of POS Care 维护助手, built on Linux with Debian's nsis by scripts/dist.sh:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with poscare.exe, poscare.com and the texts>
;            -DICON=<.ico> -DOUTFILE=<setup.exe> [-DSIGN=<script that signs a file in place>]
;            packaging/windows/poscare.nsi
;
; Per-user: no administrator rights, installs into %LOCALAPPDATA%\Programs\PosCare. The shop's
; data lives elsewhere (%LOCALAPPDATA%\PosCare\data, or the folder chosen with --data-dir), and
; neither installing nor uninstalling ever touches it.
;
; Silent use:  setup.exe /S [/STARTUP | /NOSTARTUP] [/D=folder]      uninstall.exe /S
;   Without /STARTUP or /NOSTARTUP an upgrade keeps the choice already made (the Run value, which
;   the app's Settings switch too), and a first install opens POS Care when Windows starts.
;   Exit codes: 0 installed; 2 cancelled or stopped; 3 POS Care is still open and would not close
;   (nothing was changed: the installed program stays as it was); 4 the folder cannot be written;
;   5 not 64-bit Windows 10 or 11 (nothing installed).
;
; A POS Care that is open is asked to close first (the new program's `poscare close`, through the
; door the window listens on; an older one, or one open on another data folder, gets a close
; message to its window), and the files are replaced only once it has; a silent run opens it
; again afterwards. Otherwise the owner is told in plain words to close it, or a silent run fails
; with exit code 3. The uninstaller does the same before it removes anything.

; A 32-bit installer for a 64-bit program: a 32-bit Windows must be able to start it to hear why
; the program cannot run there (a 64-bit installer would only get Windows' own generic error).
Unicode true
Target x86-unicode
ManifestDPIAware true
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh
!include WinMessages.nsh

!ifndef VERSION
  !error "VERSION is not defined (scripts/dist.sh passes it)"
!endif
!ifndef STAGE
  !error "STAGE is not defined (scripts/dist.sh passes it)"
!endif
!ifndef ICON
  !error "ICON is not defined (scripts/dist.sh passes it)"
!endif
!ifndef OUTFILE
  !define OUTFILE "PosCare-${VERSION}-setup.exe"
!endif
; Signing (scripts/dist.sh, when a certificate is given): the installer and the uninstaller
; it writes, each once makensis has finished it.
!ifdef SIGN
  !finalize '"${SIGN}" "%1"'
  !uninstfinalize '"${SIGN}" "%1"'
!endif

; The app's one name (the window's title, the sidebar, the shortcuts, Apps & features).
!define APPNAME "POS Care 维护助手"
; The names of versions up to 0.1.0: their shortcuts are removed, their windows found by title.
!define OLDNAME "POS Care 商户POS维护助手"
!define OLDTITLE "商户 POS 维护助手 · POS Care"
; The window class winit gives every window it makes.
!define WINDOWCLASS "Window Class"
!define PUBLISHER "The POS Care authors"
!define APPKEY "PosCare"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define RUNKEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "${APPNAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\PosCare"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
SetCompressor /SOLID lzma
ShowInstDetails nevershow
ShowUninstDetails nevershow
; A file that cannot be replaced is never skipped: retry or cancel, never "done" with the old one.
AllowSkipFiles off
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Copyright (c) 2026 ${PUBLISHER}. MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
; Drawn by draw-wizard.sh beside this file.
!define MUI_WELCOMEFINISHPAGE_BITMAP "wizard.bmp"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "wizard.bmp"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "$(WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!insertmacro MUI_PAGE_WELCOME

!define MUI_PAGE_HEADER_TEXT "$(ComponentsTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(ComponentsSubtitle)"
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(ComponentsTop)"
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "$(ComponentsList)"
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_COMPONENTS

!define MUI_PAGE_HEADER_TEXT "$(DirTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(DirSubtitle)"
!define MUI_DIRECTORYPAGE_TEXT_TOP "$(DirTop)"
!define MUI_DIRECTORYPAGE_TEXT_DESTINATION "$(DirDest)"
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirLeave
!insertmacro MUI_PAGE_DIRECTORY

!define MUI_PAGE_HEADER_TEXT "$(InstallingTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(InstallingSubtitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "$(InstalledTitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "$(InstalledSubtitle)"
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "$(AbortTitle)"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "$(AbortSubtitle)"
!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "$(FinishTitle)"
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(FinishRun)"
!define MUI_FINISHPAGE_RUN_FUNCTION OpenApp
!insertmacro MUI_PAGE_FINISH

!define MUI_PAGE_HEADER_TEXT "$(UnConfirmTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(UnConfirmSubtitle)"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_PAGE_HEADER_TEXT "$(UnRemovingTitle)"
!define MUI_PAGE_HEADER_SUBTEXT "$(UnRemovingSubtitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "$(UnDoneTitle)"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "$(UnDoneSubtitle)"
; (Modern UI keeps the abort header of the first files page: replaced here for the uninstaller's.)
!undef MUI_INSTFILESPAGE_ABORTHEADER_TEXT
!undef MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "$(UnAbortTitle)"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "$(UnAbortSubtitle)"
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first: the language when Windows' display language is neither; otherwise the one that
; matches it (NSIS chooses at start, without asking).
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString WelcomeTitle ${LANG_SIMPCHINESE} "安装 ${APPNAME}"
LangString WelcomeTitle ${LANG_ENGLISH} "Set up ${APPNAME}"
LangString WelcomeText ${LANG_SIMPCHINESE} "${APPNAME}帮店里看懂刷卡终端的提示，记好每天的检查、清洁和备份。$\r$\n$\r$\n它只为现在登录的 Windows 用户安装，不需要管理员权限。店里已有的数据（记录和备份）不会被改动。$\r$\n$\r$\n如果 ${APPNAME}正开着，安装程序会先把它关上（做过的记录都已经保存好）。$\r$\n$\r$\n$_CLICK"
LangString WelcomeText ${LANG_ENGLISH} "${APPNAME} helps the shop understand what its card terminals say and keeps its daily checks, cleaning and backups.$\r$\n$\r$\nIt is installed for the Windows user signed in now, without administrator rights. The shop's data (records and backups) is left as it is.$\r$\n$\r$\nIf ${APPNAME} is open, setup closes it first (everything recorded is already saved).$\r$\n$\r$\n$_CLICK"
LangString ComponentsTitle ${LANG_SIMPCHINESE} "安装哪些内容"
LangString ComponentsTitle ${LANG_ENGLISH} "What to install"
LangString ComponentsSubtitle ${LANG_SIMPCHINESE} "程序一定会安装；开机自动打开可以不选。"
LangString ComponentsSubtitle ${LANG_ENGLISH} "The program is always installed; opening at startup is up to you."
LangString ComponentsTop ${LANG_SIMPCHINESE} "勾选“开机时自动打开”，每天开机后 ${APPNAME}就会打开，当天的检查清单已经在屏幕上。以后也可以在程序的“设置”里更改。"
LangString ComponentsTop ${LANG_ENGLISH} "With $\"Open when Windows starts$\" ticked, ${APPNAME} opens when the PC is switched on, with the day's checklist on screen. You can change this later in the program's Settings."
LangString ComponentsList ${LANG_SIMPCHINESE} "安装："
LangString ComponentsList ${LANG_ENGLISH} "Install:"
LangString SecApp ${LANG_SIMPCHINESE} "程序和快捷方式"
LangString SecApp ${LANG_ENGLISH} "The program and its shortcuts"
LangString SecStartup ${LANG_SIMPCHINESE} "开机时自动打开"
LangString SecStartup ${LANG_ENGLISH} "Open when Windows starts"
LangString DirTitle ${LANG_SIMPCHINESE} "装在哪里"
LangString DirTitle ${LANG_ENGLISH} "Where to install"
LangString DirSubtitle ${LANG_SIMPCHINESE} "一般用建议的文件夹就可以。"
LangString DirSubtitle ${LANG_ENGLISH} "The suggested folder is right for most PCs."
LangString DirTop ${LANG_SIMPCHINESE} "${APPNAME}会装到下面的文件夹里。要换一个，点“浏览”。请选一个现在登录的用户能写入的文件夹（C:\Program Files 这样的文件夹需要管理员权限，不能用）。店里的数据不在这里，换文件夹不影响数据。"
LangString DirTop ${LANG_ENGLISH} "${APPNAME} is installed into the folder below. To choose another, click Browse. Choose a folder the signed-in user can write to (folders such as C:\Program Files need administrator rights and cannot be used). The shop's data is not kept here: another folder does not move it."
LangString DirDest ${LANG_SIMPCHINESE} "安装到这个文件夹"
LangString DirDest ${LANG_ENGLISH} "Install into this folder"
LangString DirNotWritable ${LANG_SIMPCHINESE} "不能装在这个文件夹里：$\r$\n$INSTDIR$\r$\n$\r$\n现在登录的 Windows 用户不能在这里写入（比如 C:\Program Files 需要管理员权限）。请换一个文件夹，或者用建议的文件夹。"
LangString DirNotWritable ${LANG_ENGLISH} "${APPNAME} cannot be installed in this folder:$\r$\n$INSTDIR$\r$\n$\r$\nThe signed-in Windows user cannot write there (C:\Program Files, for example, needs administrator rights). Choose another folder, or the suggested one."
LangString InstallingTitle ${LANG_SIMPCHINESE} "正在安装"
LangString InstallingTitle ${LANG_ENGLISH} "Installing"
LangString InstallingSubtitle ${LANG_SIMPCHINESE} "请稍等，一般只要几秒钟。"
LangString InstallingSubtitle ${LANG_ENGLISH} "Please wait; this usually takes a few seconds."
LangString InstalledTitle ${LANG_SIMPCHINESE} "安装好了"
LangString InstalledTitle ${LANG_ENGLISH} "Installed"
LangString InstalledSubtitle ${LANG_SIMPCHINESE} "${APPNAME}已经装好。"
LangString InstalledSubtitle ${LANG_ENGLISH} "${APPNAME} is installed."
LangString AbortTitle ${LANG_SIMPCHINESE} "没有安装"
LangString AbortTitle ${LANG_ENGLISH} "Not installed"
LangString AbortSubtitle ${LANG_SIMPCHINESE} "已经装着的版本保持原样。"
LangString AbortSubtitle ${LANG_ENGLISH} "The version already installed stays as it was."
LangString FinishTitle ${LANG_SIMPCHINESE} "${APPNAME}装好了"
LangString FinishTitle ${LANG_ENGLISH} "${APPNAME} is installed"
LangString FinishText ${LANG_SIMPCHINESE} "开始菜单和桌面上都有“${APPNAME}”。$\r$\n$\r$\n店里的数据保存在这台电脑的$\r$\n$LOCALAPPDATA\PosCare\data$\r$\n$\r$\n请经常在程序的“备份”页面把数据备份到 U 盘。"
LangString FinishText ${LANG_ENGLISH} "$\"${APPNAME}$\" is on the Start menu and the desktop.$\r$\n$\r$\nThe shop's data is kept on this PC in$\r$\n$LOCALAPPDATA\PosCare\data$\r$\n$\r$\nBack it up to a USB stick often, on the program's Backups screen."
LangString FinishRun ${LANG_SIMPCHINESE} "现在打开 ${APPNAME}"
LangString FinishRun ${LANG_ENGLISH} "Open ${APPNAME} now"
LangString Closing ${LANG_SIMPCHINESE} "正在关闭打开着的 ${APPNAME}…"
LangString Closing ${LANG_ENGLISH} "Closing ${APPNAME}, which is open…"
LangString StillOpen ${LANG_SIMPCHINESE} "${APPNAME}还开着，所以现在不能更新它。$\r$\n$\r$\n请先退出它：在屏幕右下角时钟旁的 POS Care 图标上点右键，选“退出”（如果它正在备份，请等备份做完）。然后点“重试”。$\r$\n$\r$\n点“取消”就不安装，什么都不会改变。"
LangString StillOpen ${LANG_ENGLISH} "${APPNAME} is still open, so it cannot be updated now.$\r$\n$\r$\nPlease quit it first: right-click the POS Care icon by the clock at the bottom right of the screen and choose Quit (if it is backing up, wait until the backup is done). Then click Retry.$\r$\n$\r$\nCancel installs nothing and changes nothing."
LangString NeedsX64 ${LANG_SIMPCHINESE} "${APPNAME}需要 64 位的 Windows 10 或 Windows 11。$\r$\n$\r$\n这台电脑装的是 32 位的 Windows，不能运行它，所以什么都没有安装。"
LangString NeedsX64 ${LANG_ENGLISH} "${APPNAME} needs 64-bit Windows 10 or Windows 11.$\r$\n$\r$\nThis PC runs 32-bit Windows, which cannot run it, so nothing was installed."
LangString NeedsWin10 ${LANG_SIMPCHINESE} "${APPNAME}需要 Windows 10 或 Windows 11（64 位）。$\r$\n$\r$\n这台电脑的 Windows 太旧了（比如 Windows 7 或 Windows 8），不能运行它，所以什么都没有安装。"
LangString NeedsWin10 ${LANG_ENGLISH} "${APPNAME} needs Windows 10 or Windows 11 (64-bit).$\r$\n$\r$\nThe Windows on this PC is too old (Windows 7 or 8, for example) to run it, so nothing was installed."
LangString UnConfirmTitle ${LANG_SIMPCHINESE} "卸载 ${APPNAME}"
LangString UnConfirmTitle ${LANG_ENGLISH} "Uninstall ${APPNAME}"
LangString UnConfirmSubtitle ${LANG_SIMPCHINESE} "只删除程序，不删除店里的数据。"
LangString UnConfirmSubtitle ${LANG_ENGLISH} "Removes the program, never the shop's data."
LangString KeepData ${LANG_SIMPCHINESE} "卸载只删除程序和快捷方式。店里的数据（记录、备份）会保留，不会删除，位置在：$\r$\n$LOCALAPPDATA\PosCare\data$\r$\n如果 ${APPNAME}正开着，会先把它关上。"
LangString KeepData ${LANG_ENGLISH} "Uninstalling removes only the program and its shortcuts. The shop's data (records, backups) is kept, never deleted. It is in:$\r$\n$LOCALAPPDATA\PosCare\data$\r$\nIf ${APPNAME} is open, it is closed first."
LangString UnRemovingTitle ${LANG_SIMPCHINESE} "正在卸载"
LangString UnRemovingTitle ${LANG_ENGLISH} "Uninstalling"
LangString UnRemovingSubtitle ${LANG_SIMPCHINESE} "请稍等。"
LangString UnRemovingSubtitle ${LANG_ENGLISH} "Please wait."
LangString UnDoneTitle ${LANG_SIMPCHINESE} "卸载完成"
LangString UnDoneTitle ${LANG_ENGLISH} "Uninstalled"
LangString UnDoneSubtitle ${LANG_SIMPCHINESE} "${APPNAME}已经删除，店里的数据保留着。"
LangString UnDoneSubtitle ${LANG_ENGLISH} "${APPNAME} was removed; the shop's data is kept."
LangString UnAbortTitle ${LANG_SIMPCHINESE} "没有卸载"
LangString UnAbortTitle ${LANG_ENGLISH} "Not uninstalled"
LangString UnAbortSubtitle ${LANG_SIMPCHINESE} "${APPNAME}还在，什么都没有删除。"
LangString UnAbortSubtitle ${LANG_ENGLISH} "${APPNAME} is still there; nothing was removed."
LangString UnStillOpen ${LANG_SIMPCHINESE} "${APPNAME}还开着，所以现在不能卸载它。$\r$\n$\r$\n请先退出它：在屏幕右下角时钟旁的 POS Care 图标上点右键，选“退出”（如果它正在备份，请等备份做完）。然后点“重试”。$\r$\n$\r$\n点“取消”就不卸载，什么都不会删除。"
LangString UnStillOpen ${LANG_ENGLISH} "${APPNAME} is still open, so it cannot be uninstalled now.$\r$\n$\r$\nPlease quit it first: right-click the POS Care icon by the clock at the bottom right of the screen and choose Quit (if it is backing up, wait until the backup is done). Then click Retry.$\r$\n$\r$\nCancel removes nothing."
LangString DataKept ${LANG_SIMPCHINESE} "${APPNAME}已卸载。店里的数据保留在：$\r$\n$LOCALAPPDATA\PosCare\data$\r$\n重新安装后会继续使用这些数据。"
LangString DataKept ${LANG_ENGLISH} "${APPNAME} was uninstalled. The shop's data is kept in:$\r$\n$LOCALAPPDATA\PosCare\data$\r$\nInstalling ${APPNAME} again uses it as before."

; Whether an installation was there before this one (an upgrade or a reinstall).
Var Upgrade
; Whether POS Care was open and this installer closed it (it is opened again after a silent run).
Var WasOpen

; ---- The checks before anything is written ----------------------------------------------------

; 64-bit Windows 10 or 11, or a message that says so and exit code 5.
!macro CHECK_WINDOWS
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsX64)" /SD IDOK
    SetErrorLevel 5
    Quit
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsWin10)" /SD IDOK
    SetErrorLevel 5
    Quit
  ${EndIf}
  SetRegView 64
!macroend

; $0 = 1 when the signed-in user can write in $INSTDIR (created if missing; a folder created only
; for this test is removed again).
Function CanWrite
  StrCpy $0 0
  StrCpy $2 0
  ${IfNot} ${FileExists} "$INSTDIR\*.*"
    StrCpy $2 1
    ClearErrors
    CreateDirectory "$INSTDIR"
    ${If} ${Errors}
      Return
    ${EndIf}
  ${EndIf}
  ClearErrors
  FileOpen $1 "$INSTDIR\poscare-write-test.tmp" w
  ${IfNot} ${Errors}
    FileClose $1
    Delete "$INSTDIR\poscare-write-test.tmp"
    StrCpy $0 1
  ${EndIf}
  ${If} $2 == 1
    RMDir "$INSTDIR"
  ${EndIf}
FunctionEnd

Function DirLeave
  Call CanWrite
  ${If} $0 != 1
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(DirNotWritable)"
    Abort ; stays on the folder page
  ${EndIf}
FunctionEnd

; ---- Closing an open POS Care ----------------------------------------------------------------

!macro CLOSING_FUNCTIONS UN
; $0 = 1 while a POS Care program file in $INSTDIR is in use (Windows refuses to open a running
; program for writing).
Function ${UN}ProgramBusy
  StrCpy $0 0
  ${If} ${FileExists} "$INSTDIR\poscare.exe"
    ClearErrors
    FileOpen $1 "$INSTDIR\poscare.exe" a
    ${If} ${Errors}
      StrCpy $0 1
    ${Else}
      FileClose $1
    ${EndIf}
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\poscare.com"
    ClearErrors
    FileOpen $1 "$INSTDIR\poscare.com" a
    ${If} ${Errors}
      StrCpy $0 1
    ${Else}
      FileClose $1
    ${EndIf}
  ${EndIf}
FunctionEnd

; Sends a close message to every window of $INSTDIR\poscare.exe by its title (this version's or
; an older one's): for a POS Care too old to be asked through its door, or open on another data
; folder. Windows of any other program, or of a copy elsewhere, are left alone.
Function ${UN}CloseWindows
  StrCpy $3 0
  ${Do}
    FindWindow $3 "${WINDOWCLASS}" "" 0 $3
    ${If} $3 == 0
      ${Break}
    ${EndIf}
    System::Call 'user32::GetWindowTextW(p r3, w .r4, i ${NSIS_MAX_STRLEN})'
    ${If} $4 == "${APPNAME}"
    ${OrIf} $4 == "${OLDTITLE}"
      System::Call 'user32::GetWindowThreadProcessId(p r3, *i .r5)'
      ; PROCESS_QUERY_LIMITED_INFORMATION
      System::Call 'kernel32::OpenProcess(i 0x1000, i 0, i r5) p .r6'
      ${If} $6 != 0
        StrCpy $7 ""
        System::Call 'kernel32::QueryFullProcessImageNameW(p r6, i 0, w .r7, *i ${NSIS_MAX_STRLEN})'
        System::Call 'kernel32::CloseHandle(p r6)'
        ${If} $7 == "$INSTDIR\poscare.exe"
          ; This version: its process's close event (EVENT_MODIFY_STATE), a close for real even
          ; when closing the window would only hide it to the notification area
          ; (ui/quit_event.rs). An older one: the close message.
          System::Call 'kernel32::OpenEventW(i 0x0002, i 0, w "Local\PosCareQuit-$5") p .r8'
          ${If} $8 != 0
            System::Call 'kernel32::SetEvent(p r8)'
            System::Call 'kernel32::CloseHandle(p r8)'
          ${EndIf}
          System::Call 'user32::PostMessageW(p r3, i ${WM_CLOSE}, p 0, p 0)'
        ${EndIf}
      ${EndIf}
    ${EndIf}
  ${Loop}
FunctionEnd

; Closes POS Care if it is open, with $R0 the program whose `close` command asks it to; returns
; once its program files are free. Otherwise asks the owner to close it (Retry / Cancel); a
; cancel, or a silent run, ends here with exit code 3 and nothing changed.
Function ${UN}CloseRunning
  Call ${UN}ProgramBusy
  ${If} $0 == 0
    Return
  ${EndIf}
  StrCpy $WasOpen 1
  ${Do}
    DetailPrint "$(Closing)"
    ; Through the window's own door: closes as its × would, after a running backup.
    ${If} ${FileExists} "$R0"
      nsExec::Exec '"$R0" close --wait 30'
      Pop $1
    ${EndIf}
    ; Up to 15 s more for the files to be free, with a close message now and then.
    ${For} $2 1 30
      Call ${UN}ProgramBusy
      ${If} $0 == 0
        Return
      ${EndIf}
      IntOp $1 $2 % 4
      ${If} $1 == 1
        Call ${UN}CloseWindows
      ${EndIf}
      Sleep 500
    ${Next}
    !if "${UN}" == ""
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillOpen)" /SD IDCANCEL IDRETRY retry
    !else
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(UnStillOpen)" /SD IDCANCEL IDRETRY retry
    !endif
    SetErrorLevel 3
    Abort
    retry:
  ${Loop}
FunctionEnd
!macroend
!insertmacro CLOSING_FUNCTIONS ""
!insertmacro CLOSING_FUNCTIONS "un."

; ---- Installing --------------------------------------------------------------------------------


Section "!$(SecApp)" SecAppId
  SectionIn RO
  Call CanWrite
  ${If} $0 != 1
    MessageBox MB_OK|MB_ICONSTOP "$(DirNotWritable)" /SD IDOK
    SetErrorLevel 4
    Abort
  ${EndIf}
  SetOutPath "$INSTDIR"
  ; The new program first, under another name: it is also the one that asks an open POS Care
  ; to close. Only then is the old one replaced.
  File "/oname=poscare-new.exe" "${STAGE}/poscare.exe"
  StrCpy $R0 "$INSTDIR\poscare-new.exe"
  Call CloseRunning
  ClearErrors
  Delete "$INSTDIR\poscare.exe"
  Rename "$INSTDIR\poscare-new.exe" "$INSTDIR\poscare.exe"
  ${If} ${Errors}
    Delete "$INSTDIR\poscare-new.exe"
    MessageBox MB_OK|MB_ICONSTOP "$(StillOpen)" /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
  File "${STAGE}/poscare.com"
  File "${STAGE}/README.txt"
  File "${STAGE}/LICENSE.txt"
  File "${STAGE}/OFL.txt"
  File "${STAGE}/THIRD-PARTY-LICENSES.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts under the one name; those of older versions' names go.
  Delete "$SMPROGRAMS\${OLDNAME}.lnk"
  Delete "$DESKTOP\${OLDNAME}.lnk"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\poscare.exe" "" "$INSTDIR\poscare.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\poscare.exe" "" "$INSTDIR\poscare.exe" 0

  ; Apps & features. (No URLInfoAbout or HelpLink: the project has no web address of its own.)
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\poscare.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  ${GetTime} "" "L" $1 $2 $3 $4 $5 $6 $7
  WriteRegStr HKCU "${UNINSTKEY}" "InstallDate" "$3$2$1"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $1
SectionEnd

Section "$(SecStartup)" SecStartupId
SectionEnd

; The choice applied either way: an unticked box removes the value an earlier install (or
; Settings) wrote.
Section "-Startup"
  ${If} ${SectionIsSelected} ${SecStartupId}
    WriteRegStr HKCU "${RUNKEY}" "${APPKEY}" '"$INSTDIR\poscare.exe"'
  ${Else}
    DeleteRegValue HKCU "${RUNKEY}" "${APPKEY}"
  ${EndIf}
SectionEnd

; (After the sections: it sets the start-up section.)
Function .onInit
  !insertmacro CHECK_WINDOWS
  ClearErrors
  ReadRegStr $0 HKCU "${UNINSTKEY}" "DisplayVersion"
  ${If} $0 != ""
    StrCpy $Upgrade 1
  ${EndIf}
  ; The box "open when Windows starts": /STARTUP or /NOSTARTUP on the command line; else, on an
  ; upgrade, as it is now (the installer's box or the app's Settings set it); else on.
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/NOSTARTUP" $2
  ${IfNot} ${Errors}
    SectionSetFlags ${SecStartupId} 0
    Return
  ${EndIf}
  ClearErrors
  ${GetOptions} $1 "/STARTUP" $2
  ${IfNot} ${Errors}
    SectionSetFlags ${SecStartupId} ${SF_SELECTED}
    Return
  ${EndIf}
  ${If} $Upgrade == 1
    ClearErrors
    ReadRegStr $2 HKCU "${RUNKEY}" "${APPKEY}"
    ${If} ${Errors}
    ${OrIf} $2 == ""
      SectionSetFlags ${SecStartupId} 0
    ${EndIf}
  ${EndIf}
FunctionEnd

Function OpenApp
  ; Its working folder is its own (not the installer's temporary one, which must go).
  SetOutPath "$INSTDIR"
  Exec '"$INSTDIR\poscare.exe"'
FunctionEnd

Function .onInstSuccess
  ; A silent run opens POS Care again when it closed it (the shop PC has it open all day); the
  ; finish page offers it otherwise.
  ${If} ${Silent}
  ${AndIf} $WasOpen == 1
    Call OpenApp
  ${EndIf}
FunctionEnd

Function .onInstFailed
  ; Never a half-replaced program: the new one waiting under its other name goes.
  Delete "$INSTDIR\poscare-new.exe"
  RMDir "$INSTDIR"
FunctionEnd

; ---- Uninstalling ------------------------------------------------------------------------------

Function un.onInit
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ; The program first: if it cannot go, nothing else goes either.
  StrCpy $R0 "$INSTDIR\poscare.exe"
  Call un.CloseRunning
  Delete "$INSTDIR\poscare.exe"
  Delete "$INSTDIR\poscare.com"
  ${If} ${FileExists} "$INSTDIR\poscare.exe"
  ${OrIf} ${FileExists} "$INSTDIR\poscare.com"
    MessageBox MB_OK|MB_ICONSTOP "$(UnStillOpen)" /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
  ; Only what the installer put there. The data folder is never touched.
  Delete "$INSTDIR\poscare-new.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\THIRD-PARTY-LICENSES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${OLDNAME}.lnk"
  Delete "$DESKTOP\${OLDNAME}.lnk"
  ; The start-up value only if it opens this program (not a portable copy that set its own).
  ClearErrors
  ReadRegStr $1 HKCU "${RUNKEY}" "${APPKEY}"
  ${If} $1 == '"$INSTDIR\poscare.exe"'
  ${OrIf} $1 == "$INSTDIR\poscare.exe"
    DeleteRegValue HKCU "${RUNKEY}" "${APPKEY}"
  ${EndIf}
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

Function un.onUninstSuccess
  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)" /SD IDOK
FunctionEnd
