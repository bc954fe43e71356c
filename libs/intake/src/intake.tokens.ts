/** Injection token of the shared {@link KetenlogProducer}. */
export const KETENLOG_PRODUCER = Symbol('KETENLOG_PRODUCER');
