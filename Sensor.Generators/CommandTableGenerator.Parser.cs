using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sensor.Generators.Model;

namespace Sensor.Generators;

public sealed partial class CommandTableGenerator
{
    /// <summary>Symbols to model. Everything symbol-shaped stays in here; what leaves is plain values.</summary>
    internal static class Parser
    {
        private const string PositionalAttributeName = "Sensor.Commands.PositionalAttribute";
        private const string OptionAttributeName = "Sensor.Commands.OptionAttribute";
        private const string CommandContextName = "Sensor.Commands.CommandContext";

        public static HandlerParseResult ParseHandler(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            LocationInfo? location = LocationInfo.From(syntax.Identifier.GetLocation());
            string typeDisplay = type.ToDisplayString();

            AttributeData attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments[0].Value is not string name
                || attribute.ConstructorArguments[1].Value is not int id)
            {
                // The attribute does not bind (a compile error of its own): nothing to build a row from.
                return new HandlerParseResult(null, null, EquatableArray<DiagnosticInfo>.Empty);
            }

            string replyEvent = "RECEIPT";
            int platforms = 0;
            string description = "";
            bool planned = false;
            bool urgent = false;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                object? value = argument.Value.Value;
                switch (argument.Key)
                {
                    case "ReplyEvent":
                        replyEvent = value as string ?? "";
                        break;
                    case "Platforms":
                        platforms = value is int flags ? flags : 0;
                        break;
                    case "Description":
                        description = value as string ?? "";
                        break;
                    case "Planned":
                        planned = value is true;
                        break;
                    case "Urgent":
                        urgent = value is true;
                        break;
                }
            }

            var key = new CommandKey(name, id, typeDisplay, location);
            if (id < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeCommandId, location,
                    id.ToString(System.Globalization.CultureInfo.InvariantCulture), typeDisplay));
            }

            CheckShape(type, syntax, planned, location, typeDisplay, diagnostics);
            cancellation.ThrowIfCancellationRequested();
            ArgumentSpec[] arguments = ParseArguments(type, typeDisplay, diagnostics);

            CommandSpec? spec = diagnostics.Count == 0
                ? new CommandSpec(name, id, replyEvent, platforms, description, planned, urgent,
                    type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), new EquatableArray<ArgumentSpec>(arguments))
                : null;
            return new HandlerParseResult(spec, key, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        private static void CheckShape(
            INamedTypeSymbol type, TypeDeclarationSyntax syntax, bool planned, LocationInfo? location, string typeDisplay,
            List<DiagnosticInfo> diagnostics)
        {
            void Report(string problem) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadHandlerShape, location, typeDisplay, problem));

            if (type.TypeKind != TypeKind.Class || type.IsRecord)
            {
                Report("must be a class");
                return;
            }

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report("must be declared partial");
            }

            if (type.IsAbstract || type.IsStatic)
            {
                Report("must not be abstract or static");
            }

            if (type.IsGenericType)
            {
                Report("must not be generic");
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    Report("must be public or internal, and so must its containing types");
                    break;
                }
            }

            if (!type.InstanceConstructors.Any(static c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
            {
                Report("must have a public parameterless constructor");
            }

            if (!planned && !HasExecute(type))
            {
                Report($"must declare 'public static void Execute({type.Name} arguments, CommandContext context)' unless Planned = true");
            }
        }

        private static bool HasExecute(INamedTypeSymbol type)
        {
            foreach (ISymbol member in type.GetMembers("Execute"))
            {
                if (member is IMethodSymbol
                    {
                        IsStatic: true, ReturnsVoid: true, DeclaredAccessibility: Accessibility.Public,
                        IsGenericMethod: false, Parameters.Length: 2,
                    } method
                    && method.Parameters[0].RefKind == RefKind.None
                    && method.Parameters[1].RefKind == RefKind.None
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, type)
                    && method.Parameters[1].Type.ToDisplayString() == CommandContextName)
                {
                    return true;
                }
            }

            return false;
        }

        private static ArgumentSpec[] ParseArguments(INamedTypeSymbol type, string typeDisplay, List<DiagnosticInfo> diagnostics)
        {
            var arguments = new List<ArgumentSpec>();
            var optionNames = new HashSet<string>(StringComparer.Ordinal) { "-h", "--help" };
            ArgumentSpec? lastPositional = null;
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                AttributeData? positional = null;
                AttributeData? option = null;
                foreach (AttributeData attribute in property.GetAttributes())
                {
                    string? attributeName = attribute.AttributeClass?.ToDisplayString();
                    if (attributeName == PositionalAttributeName)
                    {
                        positional = attribute;
                    }
                    else if (attributeName == OptionAttributeName)
                    {
                        option = attribute;
                    }
                }

                if (positional is null && option is null)
                {
                    continue;
                }

                LocationInfo? location = LocationInfo.From(property.Locations.FirstOrDefault());
                void Report(DiagnosticDescriptor descriptor, string problem) =>
                    diagnostics.Add(DiagnosticInfo.Create(descriptor, location, property.Name, typeDisplay, problem));

                if (positional is not null && option is not null)
                {
                    Report(DiagnosticDescriptors.UnsupportedArgumentType, "cannot be both a positional and an option");
                    continue;
                }

                if (property.IsStatic || property.SetMethod is null || property.SetMethod.IsInitOnly
                    || property.SetMethod.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    Report(DiagnosticDescriptors.UnsupportedArgumentType, "must be an instance property with a public or internal set accessor");
                    continue;
                }

                ValueKind? kind = ClassifyType(property.Type);
                AttributeData data = (positional ?? option)!;
                string help = NamedString(data, "Help");
                bool hex = NamedBool(data, "Hex");
                if (kind is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedArgumentType,
                        $"has type '{property.Type.ToDisplayString()}'; use string, int, long, ulong, bool (options) or string[]");
                    continue;
                }

                if (hex && kind is not (ValueKind.Int32 or ValueKind.Int64 or ValueKind.UInt64))
                {
                    Report(DiagnosticDescriptors.UnsupportedArgumentType, "is Hex but not an int, long or ulong");
                    continue;
                }

                if (positional is not null)
                {
                    string name = positional.ConstructorArguments.Length == 1 ? positional.ConstructorArguments[0].Value as string ?? "" : "";
                    bool optional = NamedBool(positional, "Optional");
                    if (kind == ValueKind.Boolean)
                    {
                        Report(DiagnosticDescriptors.UnsupportedArgumentType, "is a bool positional; a bool can only be an option flag");
                        continue;
                    }

                    if (lastPositional is { } previous && (previous.IsList || previous.Optional))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PositionalNotLast, location,
                            previous.Names[0], typeDisplay, previous.IsList ? "a string[]" : "Optional"));
                    }

                    var spec = new ArgumentSpec(ArgumentKind.Positional, property.Name, kind.Value,
                        new EquatableArray<string>(new[] { name }), name, help,
                        Required: !optional, Hex: hex, OneOrMore: false, Optional: optional);
                    lastPositional = spec;
                    arguments.Add(spec);
                }
                else
                {
                    string[] names = OptionNames(option!);
                    string? problem = CheckOptionNames(names, optionNames);
                    if (problem is not null)
                    {
                        Report(DiagnosticDescriptors.BadOptionNames, problem);
                        continue;
                    }

                    bool oneOrMore = NamedBool(option!, "OneOrMore");
                    if (oneOrMore && kind != ValueKind.StringArray)
                    {
                        Report(DiagnosticDescriptors.UnsupportedArgumentType, "is OneOrMore but not a string[]");
                        continue;
                    }

                    string meta = NamedString(option!, "Meta");
                    if (meta.Length == 0)
                    {
                        meta = DefaultMeta(names);
                    }

                    arguments.Add(new ArgumentSpec(ArgumentKind.Option, property.Name, kind.Value,
                        new EquatableArray<string>(names), meta, help,
                        Required: NamedBool(option!, "Required"), Hex: hex, OneOrMore: oneOrMore, Optional: false));
                }
            }

            return arguments.ToArray();
        }

        private static ValueKind? ClassifyType(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return ValueKind.String;
                case SpecialType.System_Int32:
                    return ValueKind.Int32;
                case SpecialType.System_Int64:
                    return ValueKind.Int64;
                case SpecialType.System_UInt64:
                    return ValueKind.UInt64;
                case SpecialType.System_Boolean:
                    return ValueKind.Boolean;
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String })
            {
                return ValueKind.StringArray;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                switch (nullable.TypeArguments[0].SpecialType)
                {
                    case SpecialType.System_Int32:
                        return ValueKind.Int32;
                    case SpecialType.System_Int64:
                        return ValueKind.Int64;
                    case SpecialType.System_UInt64:
                        return ValueKind.UInt64;
                }
            }

            return null;
        }

        private static string[] OptionNames(AttributeData option)
        {
            if (option.ConstructorArguments.Length != 1)
            {
                return Array.Empty<string>();
            }

            TypedConstant names = option.ConstructorArguments[0];
            if (names.Kind != TypedConstantKind.Array || names.IsNull)
            {
                return Array.Empty<string>();
            }

            return names.Values.Select(static v => v.Value as string ?? "").ToArray();
        }

        private static string? CheckOptionNames(string[] names, HashSet<string> seen)
        {
            if (names.Length == 0)
            {
                return "has no option names";
            }

            foreach (string name in names)
            {
                if (name.Length < 2 || name[0] != '-' || name == "--" || (name.Length > 1 && char.IsDigit(name[1])))
                {
                    return $"has option name '{name}'; an option name starts with '-' followed by a letter";
                }

                if (name.IndexOf('=') >= 0 || name.Any(char.IsWhiteSpace))
                {
                    return $"has option name '{name}' containing '=' or white space";
                }

                if (!seen.Add(name))
                {
                    return $"reuses option name '{name}' already taken in this command";
                }
            }

            return null;
        }

        /// <summary>The long name without its dashes, upper-cased ('-' kept); the first name when there is no long one.</summary>
        private static string DefaultMeta(string[] names)
        {
            string chosen = names.FirstOrDefault(static n => n.StartsWith("--", StringComparison.Ordinal)) ?? names[0];
            return chosen.TrimStart('-').ToUpperInvariant();
        }

        private static string NamedString(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value.Value as string ?? "";
                }
            }

            return "";
        }

        private static bool NamedBool(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name)
                {
                    return argument.Value.Value is true;
                }
            }

            return false;
        }

        /// <summary>
        /// Sorts the usable handlers by name and keeps the first of each name and id, so the emitted switches never
        /// hold duplicate labels; the duplicates themselves are reported by <see cref="FindDuplicates"/>.
        /// </summary>
        public static CommandTableSpec BuildTable(ImmutableArray<CommandSpec?> specs)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var ids = new HashSet<int>();
            var commands = new List<CommandSpec>();
            foreach (CommandSpec? spec in specs
                .Where(static s => s is not null)
                .OrderBy(static s => s!.Name, StringComparer.Ordinal)
                .ThenBy(static s => s!.TypeName, StringComparer.Ordinal))
            {
                if (names.Add(spec!.Name) & ids.Add(spec.Id))
                {
                    commands.Add(spec);
                }
            }

            return new CommandTableSpec(new EquatableArray<CommandSpec>(commands.ToArray()));
        }

        public static EquatableArray<DiagnosticInfo> FindDuplicates(ImmutableArray<CommandKey?> keys)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var byName = new Dictionary<string, CommandKey>(StringComparer.Ordinal);
            var byId = new Dictionary<int, CommandKey>();
            IEnumerable<CommandKey> ordered = keys
                .Where(static k => k is not null)
                .Select(static k => k!)
                .OrderBy(static k => k.Location?.FilePath ?? "", StringComparer.Ordinal)
                .ThenBy(static k => k.Location?.Span.Start ?? 0)
                .ThenBy(static k => k.TypeName, StringComparer.Ordinal);
            foreach (CommandKey key in ordered)
            {
                if (byName.TryGetValue(key.Name, out CommandKey? first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCommandName, key.Location,
                        key.Name, key.TypeName, first.TypeName));
                }
                else
                {
                    byName.Add(key.Name, key);
                }

                if (byId.TryGetValue(key.Id, out first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateCommandId, key.Location,
                        key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), key.TypeName, first.TypeName));
                }
                else
                {
                    byId.Add(key.Id, key);
                }
            }

            return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        }
    }
}
