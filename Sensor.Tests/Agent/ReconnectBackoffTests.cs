using Sensor.Agent;

namespace Sensor.Tests.Agent;

public sealed class ReconnectBackoffTests
{
    [Test]
    public void NextDelay_ConsecutiveFailures_FullJitterUnderADoublingCeilingCappedAtMax()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), new Random(1));
        var ceilings = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            double ceiling = backoff.Ceiling.TotalSeconds;
            ceilings.Add(ceiling);
            TimeSpan delay = backoff.NextDelay();
            Assert.That(delay, Is.GreaterThanOrEqualTo(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(ceiling)));
        }

        Assert.That(ceilings.Take(5), Is.EqualTo(new double[] { 1, 2, 4, 8, 16 }));
        Assert.That(ceilings.Max(), Is.EqualTo(300));
        backoff.Reset();
        Assert.That(backoff.Ceiling, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void NextDelay_ManyDraws_SpreadOverTheWholeRange()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 2000).Select(_ =>
        {
            var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), random);
            for (int i = 0; i < 10; i++)
            {
                backoff.NextDelay();
            }

            return backoff.NextDelay().TotalSeconds; // ceiling 300 s
        }).ToList();

        // Full jitter: uniform over [0, 300]; each quarter gets about a quarter of the draws.
        for (int q = 0; q < 4; q++)
        {
            int inQuarter = delays.Count(d => d >= q * 75 && d < (q + 1) * 75);
            Assert.That(inQuarter, Is.InRange(400, 600), $"quarter {q}");
        }
    }
}
