/**
 * A light of the DNS weather rating: its symbol drawn (sun, light clouds, cloud, lightning)
 * and its word beside it, so colour never carries it alone. An uncertain light (the values'
 * interval allows another symbol) is drawn on a hatched ground and says "unsicher: … bis …".
 */
import { useId } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import type { Light, LightSymbol } from "./goals-api.ts";
import { lightWords } from "./goals-view.ts";

const CLOUD = "M6 21 a5 5 0 0 1 1-9.9 a7 7 0 0 1 13.4 1.4 a4.3 4.3 0 0 1 0.6 8.5 z";

/** The symbol as SVG shapes in a 28 × 28 box (presentation attributes only, for exports). */
function SymbolShape({ symbol }: { readonly symbol: LightSymbol | null }) {
  switch (symbol) {
    case "sonne":
      return (
        <g>
          {Array.from({ length: 8 }, (_, i) => {
            const a = (i * Math.PI) / 4;
            return (
              <line
                key={i}
                x1={14 + 8 * Math.cos(a)}
                y1={14 + 8 * Math.sin(a)}
                x2={14 + 12 * Math.cos(a)}
                y2={14 + 12 * Math.sin(a)}
                stroke="#8a5a00"
                strokeWidth={2}
                strokeLinecap="round"
              />
            );
          })}
          <circle cx={14} cy={14} r={6} fill="#f5b800" stroke="#8a5a00" strokeWidth={1.5} />
        </g>
      );
    case "leicht_bewoelkt":
      return (
        <g>
          <circle cx={18} cy={9} r={5.5} fill="#f5b800" stroke="#8a5a00" strokeWidth={1.5} />
          <path
            d={CLOUD}
            fill="#ffffff"
            stroke="#4a4a4a"
            strokeWidth={1.5}
            transform="translate(-1 3)"
          />
        </g>
      );
    case "wolke":
      return (
        <path
          d={CLOUD}
          fill="#9aa5b1"
          stroke="#333333"
          strokeWidth={1.5}
          transform="translate(0 1)"
        />
      );
    case "blitz":
      return (
        <g>
          <path
            d={CLOUD}
            fill="#5f6b78"
            stroke="#222222"
            strokeWidth={1.5}
            transform="translate(0 -4)"
          />
          <path
            d="M15 14 l-4 7 h3.5 l-2 6 l6 -8.5 h-3.5 l2.5 -4.5 z"
            fill="#f5b800"
            stroke="#7a1b00"
            strokeWidth={1}
          />
        </g>
      );
    case null:
      return <line x1={8} y1={14} x2={20} y2={14} stroke="#4a4a4a" strokeWidth={2.5} />;
  }
}

/** The symbol alone (hidden from screen readers: the words beside it say it). */
export function LightIcon(props: {
  readonly symbol: LightSymbol | null;
  readonly uncertain: boolean;
  readonly size?: number;
}) {
  const id = useId().replaceAll(":", "");
  const size = props.size ?? 28;
  return (
    <svg viewBox="0 0 28 28" width={size} height={size} aria-hidden="true" className="light-icon">
      {props.uncertain && (
        <>
          <defs>
            <pattern
              id={`hatch-${id}`}
              width={5}
              height={5}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <line x1={0} y1={0} x2={0} y2={5} stroke="#8c8c8c" strokeWidth={1.6} />
            </pattern>
          </defs>
          <rect
            x={0.5}
            y={0.5}
            width={27}
            height={27}
            rx={4}
            fill={`url(#hatch-${id})`}
            stroke="#6b6b6b"
          />
        </>
      )}
      <SymbolShape symbol={props.symbol} />
    </svg>
  );
}

/** A light with its words: "Wolke", and "unsicher: Wolke bis Sonne" where it is uncertain. */
export function LightBadge(props: {
  readonly light: Light | null;
  /** Shown before the words (the assessment year in a row of lights). */
  readonly year?: number;
}) {
  const { t } = useI18n();
  const words = lightWords(props.light, t);
  const uncertain = words.uncertain !== null;
  return (
    <span className={uncertain ? "light light-uncertain" : "light"}>
      <LightIcon symbol={props.light?.symbol ?? null} uncertain={uncertain} />
      <span className="light-words">
        {props.year !== undefined && <span className="light-year">{props.year}</span>}
        <span className="light-word">{words.word}</span>
        {uncertain && <span className="light-range">{words.uncertain}</span>}
      </span>
    </span>
  );
}
