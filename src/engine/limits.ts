// The ranges of the numbers a user supplies (target degree, κ, sizes, depth), declared once: the
// engine's input checks, the settings, the sidebar's inputs and the host's validation of them read
// them from here, and test/view/settings.test.ts ties package.json's configuration schema to them.
export const LIMITS = {
  degree: { min: 1, max: 12 },
  kappa: { min: 1e-6, max: 1e6 },
  size: { min: 1, max: 1e9 },
  depth: { min: 1, max: 12 },
} as const;
