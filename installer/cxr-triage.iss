; Inno Setup 6 script: the Windows installer for CXR Triage, made from the PyInstaller folder.
;
;   python scripts\build_bundle.py                          -> dist\cxr-triage\  (cxr-triage.exe + cxr-triage-cli.exe)
;   iscc /DAppVersion=0.1.0 installer\cxr-triage.iss        -> dist\cxr-triage-0.1.0-setup.exe
;
; AppVersion must be pyproject.toml's version (the executables' version resource is generated from it);
; without /DAppVersion the default below is used. This script cannot be built or tested on Linux CI:
; see installer/README.md for what to check on a Windows machine.
;
; What it does: per-user install by default (no admin rights needed on clinic laptops; an admin can choose
; "all users" in the first dialog), Start menu entries for the app and for the self-test, an optional desktop
; icon, an optional association of .dcm files with CXR Triage (unchecked by default: PACS viewers usually own
; .dcm; it is added to "Open with" and made the default only if the user ticks it), and a clean uninstall.
; Patient data and history live in the user's AppData (Qt's AppDataLocation) and are NOT removed on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "CXR Triage"
#define AppExe "cxr-triage.exe"
#define CliExe "cxr-triage-cli.exe"
#define ProgId "CXRTriage.dcm"
; The PyInstaller output, relative to this script.
#define DistDir "..\dist\cxr-triage"

[Setup]
; Never change AppId: Windows uses it to recognise upgrades and the uninstaller.
AppId={{6B0F3C52-8E0B-4C1E-9C55-3C2A4D1E7A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CXR Triage project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=cxr-triage-{#AppVersion}-setup
SetupIconFile=..\assets\icons\cxr-triage.ico
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "dcmassoc"; Description: "Open DICOM files (.dcm) with CXR Triage"; GroupDescription: "File associations:"; Flags: unchecked

[Files]
; The whole one-folder bundle: both executables and _internal\ (Python, Qt, onnxruntime, assets\ with the model).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not leave libraries of the previous version behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
; The self-test in a console window that stays open, so the technician can read the one-line result.
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#CliExe}"" --self-test"""; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users install.
Root: HKA; Subkey: "Software\Classes\.dcm\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: dcmassoc
Root: HKA; Subkey: "Software\Classes\.dcm"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: dcmassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "DICOM image"; Flags: uninsdeletekey; Tasks: dcmassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: dcmassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: dcmassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".dcm"; ValueData: ""; Flags: uninsdeletekey; Tasks: dcmassoc

[Run]
; Optional: check the installation right away (model checksum + one film), result in a console window.
Filename: "{cmd}"; Parameters: "/k """"{app}\{#CliExe}"" --self-test"""; WorkingDir: "{app}"; Description: "Run the self-test now"; Flags: postinstall skipifsilent unchecked
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
