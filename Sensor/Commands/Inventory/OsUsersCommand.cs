using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>Accounts of the passwd database, whether each has a password and when it last logged in.</summary>
[Command("os_users", 38, ReplyEvent = "OS_USERS_REP", Platforms = OsFamily.Windows | OsFamily.Linux,
    Description = "List system users.")]
public sealed partial class OsUsersCommand
{
    public static void Execute(OsUsersCommand arguments, CommandContext context)
    {
        _ = arguments;
        var users = new List<UserEntry>(64);
        InventoryResult result = Os.ListUsers(users);
        InventoryReply.Send(context, "OS_USERS_REP", result, FieldNames.Users, users, static (reply, user) =>
        {
            reply.Field(FieldNames.UserName, user.Name);
            reply.Field(FieldNames.UserId, user.Uid);
            reply.Field(FieldNames.GroupId, user.Gid);
            reply.Field(FieldNames.HomeDirectory, user.Home);
            reply.Field(FieldNames.Shell, user.Shell);
            if (user.HasPassword is bool hasPassword)
            {
                reply.Field(FieldNames.HasPassword, hasPassword);
            }

            if (user.LastLogon >= 0)
            {
                reply.Field(FieldNames.LastLogon, user.LastLogon);
            }
        });
    }
}
