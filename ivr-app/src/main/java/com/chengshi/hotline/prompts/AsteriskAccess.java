package com.chengshi.hotline.prompts;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether Asterisk, running as its own user (Debian's and most packaged installs run it as {@code asterisk}), can
 * reach and read the sound dir: a prompt it cannot open is silence to the caller. Judged from owners and modes; a
 * group grants access only when it is named like the user (its own group, as packages create it).
 */
final class AsteriskAccess {

    private AsteriskAccess() {
    }

    /** One line saying why {@code user} cannot read {@code soundDir}, or empty when it can (or no such user here). */
    static Optional<String> problem(Path soundDir, String user) {
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (IOException | UnsupportedOperationException e) {
            // No such user on this host (Asterisk elsewhere, or in a container): nothing to judge here.
            return Optional.empty();
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = soundDir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path dir : chain) {
            if (!Files.exists(dir)) {
                return Optional.empty();
            }
            boolean last = dir.equals(chain.get(chain.size() - 1));
            try {
                PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
                if (!grants(attributes, user, last)) {
                    return Optional.of("Asterisk's user '" + user + "' cannot " + (last ? "read" : "enter") + " "
                            + dir + " (" + attributes.owner().getName() + ":" + attributes.group().getName() + " "
                            + PosixFilePermissions.toString(attributes.permissions())
                            + "), so callers would hear nothing: chmod o+" + (last ? "rx" : "x") + " " + dir
                            + ", or set hotline.prompts.sound-dir to a directory it can read");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean grants(PosixFileAttributes attributes, String user, boolean readToo) {
        Set<PosixFilePermission> p = attributes.permissions();
        if (attributes.owner().getName().equals(user)) {
            return p.contains(PosixFilePermission.OWNER_EXECUTE) && (!readToo || p.contains(PosixFilePermission.OWNER_READ));
        }
        if (attributes.group().getName().equals(user) && p.contains(PosixFilePermission.GROUP_EXECUTE)
                && (!readToo || p.contains(PosixFilePermission.GROUP_READ))) {
            return true;
        }
        return p.contains(PosixFilePermission.OTHERS_EXECUTE) && (!readToo || p.contains(PosixFilePermission.OTHERS_READ));
    }
}
