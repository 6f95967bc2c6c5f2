using System.Text;

namespace Sensor.Generators;

/// <summary>A line writer with four-space indentation and '\n' line ends on every platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();

    public int Indent { get; set; }

    public void Line()
    {
        _text.Append('\n');
    }

    public void Line(string line)
    {
        _text.Append(' ', Indent * 4).Append(line).Append('\n');
    }

    public void Open()
    {
        Line("{");
        Indent++;
    }

    public void Close()
    {
        Indent--;
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
