import { UseFilters, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AuthErrorFilter } from './auth-error.filter';
import { Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { Role } from './principal';

/** A controller (or handler) for staff of the beheerorganisatie: bearer token with one of `roles`. */
export function StaffApi(...roles: Role[]) {
  return applyDecorators(ApiBearerAuth(), UseGuards(AuthGuard), UseFilters(AuthErrorFilter), Roles(...roles));
}
