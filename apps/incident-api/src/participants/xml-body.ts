import { HttpException, HttpStatus } from '@nestjs/common';

interface RawRequest extends AsyncIterable<Buffer | string> {
  headers: Record<string, string | string[] | undefined>;
}

const XML_TYPES = /^(application|text)\/xml\b/i;

/**
 * Reads an XML upload (`Content-Type: application/xml`). The JSON body parser leaves such
 * bodies alone, so the stream is read here with its own size limit.
 */
export async function readXmlBody(request: RawRequest, maxBytes: number): Promise<string> {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || !XML_TYPES.test(type)) {
    throw new HttpException(
      'Send the list as Content-Type: application/xml',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > maxBytes)
      throw new HttpException(`The list is larger than ${maxBytes} bytes`, HttpStatus.PAYLOAD_TOO_LARGE);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
