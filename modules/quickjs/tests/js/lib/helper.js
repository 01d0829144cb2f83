// Imported by host.js to test relative imports.
export function helper(x) {
  return x * 2;
}
