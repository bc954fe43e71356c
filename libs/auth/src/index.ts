export { AuthError, AuthErrorCode } from './auth.error';
export { CurrentPrincipal, PRINCIPAL_PROPERTY, Public, Roles } from './auth.decorators';
export { AuthGuard } from './auth.guard';
export { AuthModule } from './auth.module';
export { DevTokenRequest, PARTICIPANT_ID_FORMAT, readOrCreateDevSecret, signDevToken } from './dev-token';
export { Principal, ROLES, Role, hasRole, isParticipantScoped, participantScope } from './principal';
export { TokenVerifier } from './token-verifier';
export { AuthErrorFilter } from './auth-error.filter';
export { StaffApi } from './operator-api.decorator';
