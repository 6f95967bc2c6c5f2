using Sensor.Commands;

namespace Sensor.Tests.Commands;

/// <summary>
/// Wire ids are append-only: a command keeps its id forever and an id is never reused. Adding a command adds a
/// line here; changing or removing a line is a protocol break.
/// </summary>
public sealed class CommandIdTests
{
    private static readonly (string Name, int Id)[] Frozen =
    [
        ("artifact_get", 1), ("deny_tree", 2), ("dir_find_hash", 3), ("dir_list", 4), ("dns_resolve", 5),
        ("doc_cache_get", 6), ("get_debug_data", 7), ("exfil_add", 8), ("exfil_del", 9), ("exfil_get", 10),
        ("file_del", 11), ("file_get", 12), ("file_hash", 13), ("file_info", 14), ("file_mov", 15), ("fim_add", 16),
        ("fim_del", 17), ("fim_get", 18), ("hidden_module_scan", 19), ("history_dump", 20), ("log_get", 21),
        ("logoff", 22), ("mem_find_handle", 23), ("mem_find_string", 24), ("mem_handles", 25), ("mem_map", 26),
        ("mem_read", 27), ("mem_strings", 28), ("netstat", 29), ("os_autoruns", 30), ("os_drivers", 31),
        ("os_kill_process", 32), ("os_packages", 33), ("os_processes", 34), ("os_resume", 35), ("os_services", 36),
        ("os_suspend", 37), ("os_users", 38), ("os_version", 39), ("put", 40), ("rejoin_network", 41), ("restart", 42),
        ("run", 43), ("seal", 44), ("segregate_network", 45), ("set_performance_mode", 46), ("shutdown", 47),
        ("uninstall", 48), ("yara_scan", 49), ("yara_update", 50), ("epp_status", 51), ("epp_scan", 52),
        ("epp_list_exclusions", 53), ("epp_add_exclusion", 54), ("epp_rem_exclusion", 55), ("epp_list_quarantine", 56),
        ("reg_list", 57), ("reboot", 58), ("pcap_ifaces", 59),
    ];

    [Test]
    public void All_EveryCommandInTable_HasItsFrozenId()
    {
        var frozen = Frozen.ToDictionary(f => f.Name, f => f.Id);
        Assert.Multiple(() =>
        {
            foreach (CommandDescriptor command in CommandTable.All)
            {
                Assert.That(frozen.ContainsKey(command.Name), Is.True, $"{command.Name} (id {command.Id}) is new: add it to the frozen list with a fresh id");
                if (frozen.TryGetValue(command.Name, out int id))
                {
                    Assert.That(command.Id, Is.EqualTo(id), $"{command.Name} changed its wire id");
                }
            }
        });
    }

    [Test]
    public void Frozen_EveryFrozenCommand_IsInTheTable()
    {
        // Every reference command is declared (implemented or planned), so none may silently disappear.
        Assert.That(CommandTable.All.Select(c => c.Name), Is.SupersetOf(Frozen.Select(f => f.Name)));
    }

    [Test]
    public void Frozen_Ids_AreUnique()
    {
        Assert.That(Frozen.Select(f => f.Id), Is.Unique);
    }
}
