import protobuf from 'protobufjs';

// uint64 as plain numbers, as the Feishu SDK's codec does: the SDK sets protobufjs's shared util.Long to
// undefined when it loads, and it now loads lazily (after these fields), so a field built with Long would
// find it gone at its first decode.
(protobuf.util as { Long: unknown }).Long = undefined;
protobuf.configure();

/**
 * The long connection's frame format, pbbp2.Frame (proto2), defined from the field numbers the SDK's
 * compiled codec uses. The SDK ships no .proto file, so the simulator declares the same shape.
 */
const Header = new protobuf.Type('Header')
  .add(new protobuf.Field('key', 1, 'string', 'required'))
  .add(new protobuf.Field('value', 2, 'string', 'required'));

const Frame = new protobuf.Type('Frame')
  .add(new protobuf.Field('SeqID', 1, 'uint64', 'required'))
  .add(new protobuf.Field('LogID', 2, 'uint64', 'required'))
  .add(new protobuf.Field('service', 3, 'int32', 'required'))
  .add(new protobuf.Field('method', 4, 'int32', 'required'))
  .add(new protobuf.Field('headers', 5, 'Header', 'repeated'))
  .add(new protobuf.Field('payloadEncoding', 6, 'string', 'optional'))
  .add(new protobuf.Field('payloadType', 7, 'string', 'optional'))
  .add(new protobuf.Field('payload', 8, 'bytes', 'optional'))
  .add(new protobuf.Field('LogIDNew', 9, 'string', 'optional'));

new protobuf.Root().define('pbbp2').add(Header).add(Frame);

export const FRAME_METHOD = { control: 0, data: 1 } as const;

export interface WsFrame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export function encodeFrame(frame: WsFrame): Uint8Array {
  return Frame.encode(Frame.fromObject(frame)).finish();
}

export function decodeFrame(bytes: Uint8Array): WsFrame {
  const message = Frame.decode(bytes);
  const plain = Frame.toObject(message, { longs: Number, bytes: Buffer, defaults: false }) as Partial<WsFrame>;
  return { SeqID: plain.SeqID ?? 0, LogID: plain.LogID ?? 0, service: plain.service ?? 0, method: plain.method ?? 0, headers: plain.headers ?? [], ...(plain.payload ? { payload: plain.payload } : {}) };
}

export function headerOf(frame: WsFrame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}
