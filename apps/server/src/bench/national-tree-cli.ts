/** `node dist/bench/national-tree-cli.js FILE [NODES]`: writes the synthetic national division file. */
import { NATIONAL_NODES, writeNationalTree } from './national-tree';

const [file, nodes] = process.argv.slice(2);
if (!file) {
  console.error('usage: national-tree-cli FILE [NODES]');
  process.exit(2);
}
writeNationalTree(file, nodes ? Number(nodes) : NATIONAL_NODES).then(
  (n) => console.log(`wrote ${n.toLocaleString('en')} nodes to ${file}`),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
