package com.chengshi.hotline.console;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may log in to the console: a file of {@code name:ROLE:bcrypt-hash} lines, as htpasswd keeps them, so that
 * {@code users add} works while the hotline runs and every login reads the file as it is now. There is no default
 * user and no default password.
 */
public final class ConsoleUsers implements UserDetailsService {

    /** What a user may do: an admin everything, a supervisor all but prompts and dialplan, an agent callbacks. */
    public enum Role { ADMIN, SUPERVISOR, AGENT }

    public record ConsoleUser(String name, Role role, String passwordHash) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final Path file;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();

    public ConsoleUsers(Path file) {
        this.file = file;
    }

    public PasswordEncoder encoder() {
        return encoder;
    }

    public List<ConsoleUser> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<ConsoleUser> users = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", 3);
                if (fields.length == 3 && NAME.matcher(fields[0]).matches()) {
                    users.add(new ConsoleUser(fields[0], Role.valueOf(fields[1]), fields[2]));
                }
            }
            return users;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the console's users from " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<ConsoleUser> find(String name) {
        return all().stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /** Adds the user, or gives an existing one a new role and password. */
    public void put(String name, Role role, String password) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -, not '" + name + "'");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        List<ConsoleUser> users = new ArrayList<>(all().stream().filter(u -> !u.name().equals(name)).toList());
        users.add(new ConsoleUser(name, role, encoder.encode(password)));
        write(users);
    }

    /** True when there was such a user. */
    public boolean remove(String name) {
        List<ConsoleUser> users = all();
        List<ConsoleUser> kept = users.stream().filter(u -> !u.name().equals(name)).toList();
        write(kept);
        return kept.size() < users.size();
    }

    private void write(List<ConsoleUser> users) {
        StringBuilder text = new StringBuilder();
        users.forEach(u -> text.append(u.name()).append(':').append(u.role()).append(':').append(u.passwordHash())
                .append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Written beside and moved over, so that a login never reads half a file; readable by its owner only.
            Path next = Files.createTempFile(file.toAbsolutePath().getParent(), ".console-users", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, text, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console's users to " + file, e);
        }
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        ConsoleUser user = find(name).orElseThrow(() -> new UsernameNotFoundException(name));
        return User.withUsername(user.name()).password(user.passwordHash())
                .authorities(AuthorityUtils.createAuthorityList("ROLE_" + user.role())).build();
    }
}
