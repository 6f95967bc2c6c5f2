namespace Sensor.Platform.Security;

/// <summary>What <see cref="IFileTrustHost.InspectWriters"/> found about one path.</summary>
/// <param name="Kind">file, directory or symbolic link (not followed).</param>
/// <param name="Owner">the owner as the OS names it (<c>uid 0</c>, <c>S-1-5-18</c>), for messages.</param>
/// <param name="OwnerTrusted">
/// the owner is trusted: root (SYSTEM, Administrators or TrustedInstaller on Windows), or the user the sensor runs as
/// when it does not run privileged (a developer's run, the tests).
/// </param>
/// <param name="OthersCanWrite">someone besides the trusted owners can change it (group or other write bit; a DACL
/// entry granting a write right to another account).</param>
/// <param name="OthersCanOnlyAdd">
/// for a directory others can write: they can add entries but not remove or rename the entries of others (the
/// sticky bit; on Windows, add rights without delete, delete-child or ownership/permission rights).
/// </param>
/// <param name="Detail">what grants the write, for messages (<c>mode 0777</c>, <c>BUILTIN\Users: write</c>).</param>
public readonly record struct FileWriters(
    DirectoryEntryKind Kind,
    string Owner,
    bool OwnerTrusted,
    bool OthersCanWrite,
    bool OthersCanOnlyAdd,
    string Detail);
