; The Windows installer of POS Care, built on Linux with Debian's nsis by scripts/dist.sh:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with poscare.exe and the texts> -DICON=<.ico>
;            -DOUTFILE=<setup.exe> packaging/windows/poscare.nsi
;
; Per-user: no administrator rights, installs into %LOCALAPPDATA%\Programs\PosCare. The shop's
; data lives elsewhere (%LOCALAPPDATA%\PosCare\data, or the folder chosen with --data-dir), and
; neither installing nor uninstalling ever touches it.
;
; Silent use: setup.exe /S [/NOSTARTUP] [/D=folder]   uninstall: uninstall.exe /S

; A 64-bit installer for a 64-bit program (Debian's nsis ships the amd64-unicode stubs). It also
; runs under a 64-bit-only Wine, as in CI.
Target amd64-unicode
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh

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

!define APPNAME "POS Care 商户POS维护助手"
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

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "POS Care"
VIAddVersionKey /LANG=0 "FileDescription" "POS Care setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\poscare.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; otherwise the one matching Windows' display language.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString SecApp ${LANG_SIMPCHINESE} "POS 维护助手（程序和快捷方式）"
LangString SecApp ${LANG_ENGLISH} "POS Care (the program and its shortcuts)"
LangString SecStartup ${LANG_SIMPCHINESE} "开机时自动打开 POS 维护助手（每天开门时检查清单已经准备好）"
LangString SecStartup ${LANG_ENGLISH} "Open POS Care when Windows starts (the morning checklist is waiting)"
LangString KeepData ${LANG_SIMPCHINESE} "卸载只删除程序和快捷方式。店里的数据（记录、备份）会保留，不会删除，位置在：$\r$\n$LOCALAPPDATA\PosCare\data"
LangString KeepData ${LANG_ENGLISH} "Uninstalling removes only the program and its shortcuts. The shop's data (records, backups) is kept, never deleted. It is in:$\r$\n$LOCALAPPDATA\PosCare\data"
LangString DataKept ${LANG_SIMPCHINESE} "POS 维护助手已卸载。店里的数据保留在：$\r$\n$LOCALAPPDATA\PosCare\data$\r$\n重新安装后会继续使用这些数据。"
LangString DataKept ${LANG_ENGLISH} "POS Care was uninstalled. The shop's data is kept in:$\r$\n$LOCALAPPDATA\PosCare\data$\r$\nInstalling POS Care again uses it as before."

Section "!$(SecApp)" SecAppId
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}/poscare.exe"
  File "${STAGE}/README.txt"
  File "${STAGE}/LICENSE.txt"
  File "${STAGE}/OFL.txt"
  File "${STAGE}/THIRD-PARTY-LICENSES.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\poscare.exe" "" "$INSTDIR\poscare.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\poscare.exe" "" "$INSTDIR\poscare.exe" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\poscare.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecStartup)" SecStartupId
  WriteRegStr HKCU "${RUNKEY}" "${APPKEY}" '"$INSTDIR\poscare.exe"'
SectionEnd

Function .onInit
  ; /NOSTARTUP on the command line (for a silent install): do not open POS Care at logon.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/NOSTARTUP" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecStartupId} 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ; Only what the installer put there. The data folder is never touched.
  Delete "$INSTDIR\poscare.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\THIRD-PARTY-LICENSES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegValue HKCU "${RUNKEY}" "${APPKEY}"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

Function un.onUninstSuccess
  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)" /SD IDOK
FunctionEnd
