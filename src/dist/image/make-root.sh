#!/bin/sh
# Builds the container image's file system for Jib's extraDirectories, from this machine's JDK and
# Debian libraries only (no registry, no base image): make-root.sh JDK_HOME OUT
#   OUT/opt/java                     a Java runtime made by jlink from JDK_HOME/jmods (the modules below)
#   OUT/lib/x86_64-linux-gnu, /lib64 the shared libraries that runtime needs (ldd), copied from the host,
#                                    which are Debian's packages (libc6, zlib1g, ...)
#   OUT/etc/passwd, /etc/group       the unprivileged user haven (10001) and root, nothing else
#   OUT/var/lib/haven                the volume's mount point; Haven makes its data directory in it (pom.xml)
# The image is `scratch` plus these, the app's layers and nothing else: no shell, no package manager.
set -eu
jdk=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)

# Java SE and the JDK modules a Spring Boot application uses at run time (crypto providers, locale data for
# Haven's ten languages, charsets, Unsafe for libraries, zip file system, JMX/JFR for operations).
modules=java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.unsupported,jdk.zipfs,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.net,jdk.httpserver,jdk.security.auth,jdk.security.jgss,jdk.xml.dom

# The same JDK, modules, script and Debian packages (dpkg status) as last time: the tree is still right (jlink is
# most of this step's time; a clean build runs it again).
stamp="$(cat "$jdk/release" 2>/dev/null | cksum) $modules $(cksum <"$0") $(ls -l --time-style=+%s /var/lib/dpkg/status 2>/dev/null | cksum)"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ]; then
    echo "make-root.sh: $out is up to date"
    exit 0
fi

rm -rf "$out" "$out.stamp"
mkdir -p "$out/opt" "$out/etc" "$out/var/lib/haven"

# Not compressed (--compress): faster to build and to start, and Jib gzips the layer anyway.
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$out/opt/java"

# Debian's JDK links some security files to /etc; the image has no /etc/java-17-openjdk: copy the files.
for link in $(find "$out/opt/java" -type l); do
    target=$(readlink -f "$link")
    rm -f "$link"
    if [ -f "$target" ]; then
        cp "$target" "$link"
    fi
done

# The shared libraries of the runtime, copied (not linked) to the same paths; the dynamic loader also at /lib64.
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) -exec ldd {} \; 2>/dev/null \
    | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | sort -u)
for lib in $libs; do
    case "$lib" in "$out"/*) continue ;; esac
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
done
# Name service switch and DNS for java.net: files first, then DNS (glibc loads libnss_files/libnss_dns itself).
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
    [ -f "$lib" ] && mkdir -p "$out$(dirname "$lib")" && cp -L "$lib" "$out$lib"
done
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$out/etc/nsswitch.conf"
cp "$here/passwd" "$here/group" "$out/etc/"
# Java's trust store: Debian's /etc/ssl/certs/java/cacerts when the link above did not bring one.
if [ ! -s "$out/opt/java/lib/security/cacerts" ] && [ -f /etc/ssl/certs/java/cacerts ]; then
    cp /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi
printf '%s' "$stamp" >"$out.stamp"
