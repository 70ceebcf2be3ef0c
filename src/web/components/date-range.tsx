/**
 * A form's "From" and "To (included)" date fields, each bounding the other (`min`/`max`), as the
 * activity and DORA filters ask for a period.
 */
export function DateRangeFields(props: {
  /** Prefix of the inputs' ids (`<idPrefix>-from`, `<idPrefix>-to`). */
  idPrefix: string;
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  return (
    <>
      <div class="field">
        <label for={`${props.idPrefix}-from`}>From</label>
        <input
          id={`${props.idPrefix}-from`}
          type="date"
          required
          max={props.to}
          value={props.from}
          onInput={(event) => props.onFrom(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${props.idPrefix}-to`}>To (included)</label>
        <input
          id={`${props.idPrefix}-to`}
          type="date"
          required
          min={props.from}
          value={props.to}
          onInput={(event) => props.onTo(event.currentTarget.value)}
        />
      </div>
    </>
  );
}
