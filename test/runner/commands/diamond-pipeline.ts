/**
 * A small pipeline of `sh` command stages: `a` feeds a matrix `b[k=1..3]`,
 * which `d` gathers; `c` stands apart. `offset` reaches a, b and d;
 * `scale` reaches only c.
 */
export function diamondPipeline(extra = ''): string {
  return `pipeline: diamond
params: {offset: 1, scale: 2}
stages:
  a:
    uses: command
    with:
      run: echo \${{ params.offset }} > a.txt
      outs: {out: a.txt}
  b:
    uses: command
    matrix: {k: [1, 2, 3]}
    inputs: {src: a.out}
    with:
      run: echo $(( $(cat "$PIPELINE_INPUT_SRC/a.txt") * \${{ matrix.k }} )) > b\${{ matrix.k }}.txt
      outs: {out: b\${{ matrix.k }}.txt}
  c:
    uses: command
    with:
      run: >-
        echo '{"scale": \${{ params.scale }}}' > c.json
      outs: {out: c.json}
      metrics: c.json
  d:
    uses: command
    inputs: {parts: [b.out]}
    with:
      run: for p in $(echo "$PIPELINE_INPUT_PARTS" | tr ':' ' '); do cat "$p"/*; done | sort -n | tr '\\n' ' ' > d.txt
      outs: {out: d.txt}
${extra}`;
}
