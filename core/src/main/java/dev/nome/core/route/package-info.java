/** Routes (provider seats and BYOK keys) and their fail-closed resolution. */
package dev.nome.core.route;
