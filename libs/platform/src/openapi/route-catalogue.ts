import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { isPublicReadRoute, PUBLIC_READ_KEY } from '../access/public-read';
import { PUBLIC_KEY, Role, ROLES_KEY } from '../access/roles';
import { API_DOC_KEY, ApiDocSpec } from './api-doc';

export interface CataloguedRoute {
  method: string;
  /** Express form, e.g. /v1/goals/:id */
  path: string;
  controller: string;
  handler: string;
  roles: Role[] | undefined;
  isPublic: boolean;
  doc: ApiDocSpec | undefined;
}

/** Nest's routes with their metadata: the same controllers, paths and methods the router was built from. */
export function catalogueRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): CataloguedRoute[] {
  const routes: CataloguedRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    const instance = wrapper.instance as object | undefined;
    if (!type || !instance) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, type));
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, type]);
      const marked = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [handler, type]) === true;
      const publicRead = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_READ_KEY, [handler, type]) === true;
      const doc = reflector.get<ApiDocSpec | undefined>(API_DOC_KEY, handler);
      for (const base of controllerPaths) {
        for (const sub of asList(methodPaths)) {
          const path = joinPath(base, sub);
          // The same rule as the guard's, so the document calls public exactly what answers without a principal.
          const isPublic = marked || (publicRead && isPublicReadRoute(method, path));
          routes.push({ method: method.toLowerCase(), path, controller: type.name, handler: name, roles, isPublic, doc });
        }
      }
    }
  }
  return routes;
}

function asList(value: unknown): string[] {
  if (value === undefined) return ['/'];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function joinPath(...parts: string[]): string {
  const joined = `/${parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
}

/** Express `:id` → OpenAPI `{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
