// Goals: the goal engine (rules, evaluation, explanations, timelines) and the plans that declare goals.
export * from './engine';
export * from './plans';
