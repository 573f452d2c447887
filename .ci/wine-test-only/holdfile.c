/*
 * TEST-ONLY. NEVER SHIPPED. Holds a file open without letting anyone write it, the way Windows
 * holds a running program's file, until a second file exists (or SECONDS have passed):
 * .ci/windows.sh uses it to play a POS Care that will not close, and checks that the installer
 * then fails (exit code 3) rather than report "done" with the old program in place.
 *   holdfile.exe FILE UNTIL-FILE SECONDS
 */
#include <windows.h>
#include <stdlib.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4)
        return 2;
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return 1;
    for (int tenths = _wtoi(argv[3]) * 10; tenths > 0; tenths--) {
        if (GetFileAttributesW(argv[2]) != INVALID_FILE_ATTRIBUTES)
            break;
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
