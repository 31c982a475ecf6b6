/**
 * An amount as forms print it in a cell: digits with separators (`1,200`, `1，200`), maybe decimals, maybe
 * a money unit after it (`250万元`, `3000 元`). No groups of its own, so it can sit inside a larger pattern.
 */
export const AMOUNT = String.raw`[\d,，]+(?:\.\d+)?\s*(?:万元|元|万)?`;

/** A cell that holds only an amount. */
export const AMOUNT_CELL = new RegExp(`^${AMOUNT}$`);

/**
 * A cell that holds only an amount, maybe negative (`-5000`): an amount beside its caption is read with its
 * sign, and the output boundary clears a negative one with a warning.
 */
export const SIGNED_AMOUNT_CELL = new RegExp(`^-?${AMOUNT}$`);
