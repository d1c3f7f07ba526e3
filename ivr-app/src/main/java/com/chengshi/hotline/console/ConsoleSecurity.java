package com.chengshi.hotline.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every page needs a login (form login, CSRF on); health stays open for the monitoring that watches the hotline.
 * An admin may do what a supervisor may, and a supervisor what an agent may.
 */
@Configuration
@ConditionalOnWebApplication
class ConsoleSecurity {

    @Bean
    ConsoleUsers consoleUsers(ConsoleProperties settings) {
        return new ConsoleUsers(settings.usersFile());
    }

    @Bean
    PasswordEncoder passwordEncoder(ConsoleUsers users) {
        return users.encoder();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("SUPERVISOR")
                .role("SUPERVISOR").implies("AGENT").build();
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/console.css", "/webjars/**", "/actuator/health/**",
                                "/actuator/health", "/error").permitAll()
                        .requestMatchers("/").authenticated()
                        .requestMatchers("/prompts/**", "/dialplan/**").hasRole("ADMIN")
                        .requestMatchers("/callbacks/**", "/calls/*").hasRole("AGENT")
                        .anyRequest().hasRole("SUPERVISOR"))
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
