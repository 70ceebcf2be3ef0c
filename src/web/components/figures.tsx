/** A row of named figures (name above, value below), as the Sync page's totals and freshness show them. */
export function Figures({ figures }: { figures: readonly (readonly [string, string])[] }) {
  return (
    <dl class="figures">
      {figures.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
