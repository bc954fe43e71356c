export { amsterdamDateTime, amsterdamOffsetMs } from './amsterdam-time';
export { GenerateLinesOptions, generateLines } from './bulk-generator';
export { ChainGenerator } from './chain-generator';
export { SeededRandom } from './seeded-random';
export { SimulatedChain, SimulatedLine } from './simulated-chain';
export {
  ChainFlow,
  ChainOutcome,
  ClockSkew,
  DEFAULT_FLOW_MIX,
  DEFAULT_RATES,
  InvalidLineKind,
  SimulationOptions,
  SimulationRates,
} from './simulation-options';
export { SimulationWorld } from './simulation-world';
export { RunSimulatorOptions, defaultBatchParticipants, runSimulator } from './simulator.runner';
export { OutgoingMessage, TrafficPlayer, TrafficPlayerOptions, TrafficStats } from './traffic.player';
