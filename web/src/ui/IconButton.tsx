/**
 * A button that shows a symbol (↑ ↓ ×) and says what it does to screen readers and as a tooltip.
 * A button that cannot act now stays focusable and says so (`aria-disabled`), so keyboard users
 * keep their place in a list that moves.
 */
export function IconButton(props: {
  readonly id: string;
  readonly label: string;
  readonly symbol: string;
  readonly enabled: boolean;
  readonly onClick: () => void;
}) {
  return (
    <button
      type="button"
      id={props.id}
      className="icon-button"
      aria-label={props.label}
      title={props.label}
      aria-disabled={!props.enabled || undefined}
      onClick={() => props.enabled && props.onClick()}
    >
      <span aria-hidden="true">{props.symbol}</span>
    </button>
  );
}
