using NUnit.Framework;
using Sensor.Commands;

namespace Sensor.Tests.Generators;

/// <summary>The table generated into the real Sensor assembly: consistent whatever handlers it holds.</summary>
[TestFixture]
public sealed class CommandTableTests
{
    [Test]
    public void All_SensorAssembly_SortedByNameWithUniqueIds()
    {
        string[] names = [.. CommandTable.All.Select(d => d.Name)];

        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(names, Is.Unique);
        Assert.That(CommandTable.All.Select(d => d.Id), Is.Unique);
    }

    [Test]
    public void Find_EveryCommand_ReturnsItsDescriptor()
    {
        foreach (CommandDescriptor descriptor in CommandTable.All)
        {
            Assert.That(CommandTable.Find(descriptor.Name), Is.SameAs(descriptor), descriptor.Name);
            Assert.That(CommandTable.Find(descriptor.Id), Is.SameAs(descriptor), descriptor.Name);
        }
    }

    [Test]
    public void Validate_HelpForEveryCommand_IsValid()
    {
        foreach (CommandDescriptor descriptor in CommandTable.All)
        {
            Assert.That(CommandTable.Validate(descriptor.Name, ["-h"]), Is.Null, descriptor.Name);
            Assert.That(descriptor.Help, Does.StartWith(descriptor.Usage), descriptor.Name);
        }
    }

    [Test]
    public void Validate_UnknownCommand_NamesIt()
    {
        Assert.That(CommandTable.Validate("no_such_command", []), Is.EqualTo("unknown command 'no_such_command'"));
        Assert.That(CommandTable.Find("no_such_command"), Is.Null);
    }
}
