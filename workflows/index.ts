/** The public surface of the pure workflows package, for the service and the tools. */
export * from './core/label.js';
export * from './core/payload.js';
export * from './core/event-declaration.js';
export * from './core/procedure.js';
export * from './core/step.js';
export * from './core/describe.js';
export * from './core/diagram.js';
export * from './core/permissions.js';
export * from './core/guard-reasons.js';
export * from './org/roles.js';
export * from './org/unit-kinds.js';
export * from './rules/index.js';
export * from './registry.js';
export * from './core/meeting-event.js';
export * from './core/decide-event.js';
