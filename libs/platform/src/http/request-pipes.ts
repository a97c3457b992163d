import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `@Param('id', UuidParam)`: an id that cannot exist is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${metadata.data ?? 'id'} must be a UUID (got '${value.slice(0, 60)}')`,
        field: metadata.data ?? 'id',
      });
    }
    return value.toLowerCase();
  }
}

/**
 * Global pipe: no endpoint takes a query parameter more than once (`?source=a&source=b`) or as an
 * object (`?source[x]=1`); such a request gets a 400 naming the parameter instead of reaching a
 * handler that expects a string.
 */
@Injectable()
export class SingleQueryValues implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'query' || metadata.data === undefined) return value;
    if (value !== undefined && typeof value !== 'string') {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `query parameter '${metadata.data}' must be given once, as a plain value`,
        field: metadata.data,
      });
    }
    return value;
  }
}
