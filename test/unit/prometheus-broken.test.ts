// Prometheus text edge cases and broken variants (truncated, invalid UTF-8, 1e400, 100 k labels, empty),
// each written inline beside the line it must be refused at; every parse runs at 4 MiB and 100-byte chunks.

import { describe, expect, it } from 'vitest';
import { failure, parsed, seriesNamed, sharedFile, text } from './prometheus-helpers';

const corruptLine = async (input: string | Uint8Array): Promise<[number | undefined, string]> => {
  const e = await failure(input);
  expect(e.kind).toBe('corrupt');
  return [e.kind === 'corrupt' ? e.line : undefined, e.message];
};

describe('Prometheus text: semantics', () => {
  it('concatenated scrapes without timestamps: a repeated series starts the next scrape, 60 s apart', async () => {
    const scrape = '# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n';
    const f = await parsed(scrape + scrape.replace('} 0', '} 1') + scrape);
    expect(f.series.map((s) => s.name)).toEqual(['up{job="a"}', 'up{job="b"}']);
    expect([...seriesNamed(f, 'up{job="b"}').t]).toEqual([0, 60000, 120000]);
    expect([...seriesNamed(f, 'up{job="b"}').v]).toEqual([0, 1, 0]);
    expect(f.warnings.join('\n')).toMatch(/3 scrapes .* 60 s apart/);
  });

  it('timestamps in ms: points sorted per series, out-of-order and duplicates stated', async () => {
    const f = await parsed('a 1 3000\na 2 1000\na 3 1000\nb 5 2000\n');
    expect([...seriesNamed(f, 'a').t]).toEqual([1000, 1000, 3000]);
    expect([...seriesNamed(f, 'a').v]).toEqual([2, 3, 1]);
    expect(f.timeEncoding).toBe('epoch-ms');
    expect(f.warnings.join('\n')).toMatch(/1 sample in 1 series came earlier/);
    expect(f.warnings.join('\n')).toMatch(/1 sample repeated the timestamp/);
  });

  it('one series however its labels are spelled: order, blanks, tabs, trailing comma, `}-Inf`', async () => {
    const f = await parsed('m{b="2",a="1"} 1 1\nm { a = "1" ,\tb="2", } 2 2\nm{a="1",b="2"}-Inf 3\n');
    expect(f.series).toHaveLength(1);
    expect(f.series[0].name).toBe('m{a="1",b="2"}');
    expect([...f.series[0].v]).toEqual([1, 2, -Infinity]);
  });

  it('values: NaN, ±Inf words, exponents, leading zeros, quantile ".3"', async () => {
    const f = await parsed('a NaN\nb +Inf\nc -inf\nd 1.0267820369e+10\ne 08\nf{quantile=".3"} -0.5\n');
    expect(Number.isNaN(seriesNamed(f, 'a').v[0])).toBe(true);
    expect(f.series.map((s) => s.v[0]).slice(1)).toEqual([Infinity, -Infinity, 10267820369, 8, -0.5]);
  });

  it('no # TYPE: histogram, summary and counter inferred from names and labels, with a warning', async () => {
    const f = await parsed('x_bucket{le="1"} 1\nx_bucket{le="+Inf"} 2\nx_sum 3\nx_count 2\ny{quantile="0.5"} 1\ny_sum 1\nz_total 4\ng 1\n');
    expect(f.series.map((s) => s.metricType)).toEqual(['histogram', 'histogram', 'histogram', 'histogram', 'summary', 'summary', 'counter', 'untyped']);
    expect(f.warnings.join('\n')).toMatch(/no # TYPE; their type .* was inferred/);
  });

  it('HELP escapes (\\\\ and \\n) and a HELP after the samples', async () => {
    const f = await parsed('a 1\n# HELP a line\\none \\\\ two\n');
    expect(f.series[0].help).toBe('line\none \\ two');
  });

  it('CRLF line ends and a missing final line feed are accepted', async () => {
    const f = await parsed('# TYPE a counter\r\na 1\r\nb 2');
    expect(f.series.map((s) => [s.name, s.v[0]])).toEqual([['a', 1], ['b', 2]]);
  });

  it('timestamps that look like seconds are read as ms, with a warning', async () => {
    const f = await parsed('a 1 1700000000\n');
    expect(f.series[0].t[0]).toBe(1700000000);
    expect(f.warnings.join('\n')).toMatch(/look like epoch seconds/);
  });

  it('a 1 MB line of labels read at 100-byte chunks stays linear and is refused past 1000 labels', async () => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `l${i}="v"`).join(',');
    const [line, message] = await corruptLine(`ok 1\nm{${labels}} 1\n`);
    expect(line).toBe(2);
    expect(message).toMatch(/at most 1000 labels on one sample/);
    const fine = Array.from({ length: 1000 }, (_, i) => `l${i}="v"`).join(',');
    expect(Object.keys((await parsed(`m{${fine}} 1\n`)).series[0].labels)).toHaveLength(1000);
  });
});

describe('Prometheus text: broken input', () => {
  it('1e400 overflows float64: refused with the line', async () => {
    const [line, message] = await corruptLine('a 1\nb 1e400\n');
    expect(line).toBe(2);
    expect(message).toMatch(/expected a value within the float64 range/);
  });

  it('invalid UTF-8 in a label value: refused with the line', async () => {
    const bytes = new Uint8Array([...text('a 1\nb{x="'), 0xc3, 0x28, ...text('"} 1\n')]);
    const [line, message] = await corruptLine(bytes);
    expect(line).toBe(2);
    expect(message).toMatch(/valid UTF-8/);
  });

  it('truncated inside a label value (the real 237-family scrape cut short)', async () => {
    const whole = sharedFile('prometheus-text/prometheus_alltypes.237mfs.prom.txt');
    const cutAt = new TextDecoder().decode(whole).indexOf('rule_group="/etc/prometheus/rules/ansible_managed.yml') + 20;
    const lines = whole.subarray(0, cutAt).filter((c) => c === 10).length;
    const [line, message] = await corruptLine(whole.subarray(0, cutAt));
    expect(line).toBe(lines + 1);
    expect(message).toMatch(/a closing quote/);
  });

  it.each([
    ['a value missing', 'a\n', /a sample value after the metric name/],
    ['a word for a value', 'a null\n', /a sample value \(a number, NaN/],
    ['a timestamp that is no integer', 'a 1 12x\n', /integer milliseconds/],
    ['text after the timestamp', 'a 1 2 3\n', /the end of the line/],
    ['a label without quotes', 'a{b=c} 1\n', /a quoted value for the label "b"/],
    ['a repeated label', 'a{b="1",b="2"} 1\n', /each label once/],
    ['an unknown type', '# TYPE a countr\na 1\n', /a metric type/],
    ['two types for one metric', '# TYPE a counter\n# TYPE a gauge\na 1\n', /one type per metric \(a was declared counter on line 2\)/],
    ['no closing brace', 'a{b="1" 1\n', /a closing brace/],
  ])('%s', async (_what, input, expected) => {
    const [line, message] = await corruptLine(`ok 1\n${input}`);
    expect(line).toBe(input.startsWith('# TYPE a counter\n# TYPE') ? 3 : 2);
    expect(message).toMatch(expected);
  });

  it('a float-second timestamp marks the file as OpenMetrics, so a missing # EOF is named', async () => {
    const [line, message] = await corruptLine('a 1 1700000000.5\n');
    expect(line).toBe(2);
    expect(message).toMatch(/a final "# EOF" line/);
  });

  it('an empty file and a comments-only file are "empty"', async () => {
    expect((await failure('')).kind).toBe('empty');
    const e = await failure('# HELP a something\n# TYPE a gauge\n');
    expect(e.kind).toBe('empty');
    expect(e.message).toMatch(/no samples/);
  });
});
