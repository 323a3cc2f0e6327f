/**
 * The part of the JSON-stat JavaScript Toolkit (npm `jsonstat-toolkit`, a devDependency) that
 * the tests use to read Sopla's JSON-stat back; the package ships no types.
 */
declare module "jsonstat-toolkit" {
  interface ToolkitDatum {
    readonly value: number | string | null;
    readonly status: string | null;
  }

  interface ToolkitCategory {
    readonly label: string;
    readonly unit: { readonly label?: string; readonly decimals?: number } | null;
  }

  interface ToolkitDimension {
    readonly label: string;
    readonly id: string[];
    readonly length: number;
    readonly role: string | null;
    Category(selection: number | string): ToolkitCategory | null;
  }

  interface ToolkitDataset {
    readonly class: "dataset";
    readonly label: string | null;
    readonly id: string[];
    readonly size: number[];
    readonly n: number;
    readonly updated: string | null;
    readonly source: string | null;
    Data(selection: number | Readonly<Record<string, string>>): ToolkitDatum | null;
    Dimension(selection: number | string): ToolkitDimension | null;
  }

  interface ToolkitResponse {
    readonly class: "bundle" | "dataset" | "collection" | "dimension" | null;
    readonly length: number;
    readonly id: string[];
    Dataset(selection: number | string): ToolkitDataset | null;
  }

  /** Reads a parsed JSON-stat response (any version, including 1.x bundles). */
  export default function JSONstat(response: object): ToolkitResponse;
}
