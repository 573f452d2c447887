/*
 * TEST-ONLY. NEVER SHIPPED. A stand-in for Windows' bcryptprimitives.dll, for running the
 * Windows build under Debian's Wine 8 in CI.
 *
 * Rust 1.78 and newer fill std's random numbers (HashMap keys) with ProcessPrng from
 * bcryptprimitives.dll. Every Windows 10/11 has it; Wine 8.0 does not, so every Rust .exe
 * fails to start under it. This DLL exports ProcessPrng and fills the buffer with
 * RtlGenRandom (advapi32's SystemFunction036), which Wine does have.
 *
 * .ci/windows.sh builds it into the system32 folder of its own throwaway Wine prefix (so no build
 * output folder ever holds it, and every test executable and the installed program find it
 * there); scripts/dist.sh never packages it (and checks that it did not).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
