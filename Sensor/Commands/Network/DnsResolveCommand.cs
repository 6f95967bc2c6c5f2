using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands.Network;

/// <summary>
/// Resolves a name with the OS resolver: one <c>DNS_REQUEST</c> event per address, then a <c>RECEIPT</c>
/// <c>{ERROR}</c> (the reference's sample output) that closes the command.
/// </summary>
[Command("dns_resolve", 5, ReplyEvent = "DNS_REQUEST", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS | OsFamily.Chrome | OsFamily.Edge,
    Description = "Cause the sensor to do a network resolution.")]
public sealed partial class DnsResolveCommand
{
    /// <summary>A DNS name is at most 253 characters (RFC 1035, without the final dot).</summary>
    public const int MaxDomainLength = 253;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public const string ReceiptEvent = "RECEIPT";

    [Positional("domain", Help = "domain name to resolve")]
    public string Domain { get; set; } = "";

    public static void Execute(DnsResolveCommand arguments, CommandContext context)
    {
        string domain = arguments.Domain.TrimEnd('.');
        if (domain.Length == 0 || domain.Length > MaxDomainLength || domain.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            Receipt(context, ErrorCodes.InvalidParameter, $"not a domain name (1 to {MaxDomainLength} characters, no spaces or control characters)");
            return;
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
            timeout.CancelAfter(Timeout);
            addresses = Dns.GetHostAddressesAsync(domain, timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Receipt(context, ErrorCodes.Timeout, $"no answer within {Timeout.TotalSeconds} s");
            return;
        }
        catch (SocketException e)
        {
            int error = e.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.NoData => ErrorCodes.BadNetPath,
                SocketError.TryAgain or SocketError.TimedOut => ErrorCodes.Timeout,
                _ => ErrorCodes.InvalidFunction,
            };
            Receipt(context, error, $"resolving {domain} failed: {e.Message}");
            return;
        }
        catch (ArgumentException e)
        {
            Receipt(context, ErrorCodes.InvalidParameter, e.Message);
            return;
        }

        // The OS resolver does not expose the wire message id: one random id ties this command's answers together.
        long messageId = RandomNumberGenerator.GetInt32(0, 65536);
        EventBuilder reply = context.Reply;
        foreach (IPAddress address in addresses)
        {
            reply.Begin("DNS_REQUEST");
            reply.Field(FieldNames.DomainName, domain);
            reply.Field(FieldNames.IpAddress, address.ToString());
            reply.Field(FieldNames.DnsType, address.AddressFamily == AddressFamily.InterNetworkV6 ? 28L : 1L);
            reply.Field(FieldNames.MessageId, messageId);
            reply.End(ErrorCodes.Success);
        }

        Receipt(context, addresses.Length == 0 ? ErrorCodes.BadNetPath : ErrorCodes.Success,
            addresses.Length == 0 ? "no addresses" : null);
    }

    private static void Receipt(CommandContext context, int error, string? message)
    {
        context.Reply.Begin(ReceiptEvent);
        context.Reply.End(error, message);
    }
}
