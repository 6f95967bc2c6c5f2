using System.Runtime.InteropServices;

namespace Sensor.Yara;

/// <summary>Compiled rules (YR_RULES*), shared read-only by every scanner of a task; destroyed with yr_rules_destroy.</summary>
public sealed class YaraRules : SafeHandle
{
    internal YaraRules(nint rules)
        : base(0, ownsHandle: true)
    {
        SetHandle(rules);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => Interop.Yara.YrRulesDestroy(handle) == Interop.Yara.ERROR_SUCCESS;
}
