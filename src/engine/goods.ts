import type { Product } from "./scenario.js";
import type { SchemeModule } from "./scheme.js";
import { productFen } from "./state.js";
import { enabledConfig } from "./window.js";

/**
 * The keys of the running schemes that a product's orders fund (SchemeModule.fundedBy), in
 * registry order. A scheme counts as running when it is enabled, whatever its day window: the
 * goods of a product are valued once for the whole run.
 */
export function schemesFunded(schemes: object, registry: readonly SchemeModule<never, never>[], product: Product): string[] {
  const split = productFen(product);
  return registry.flatMap((module) => {
    const config = enabledConfig(schemes, module.key);
    return config !== null && module.fundedBy(config as never, split) ? [module.key] : [];
  });
}
