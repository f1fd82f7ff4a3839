package nl.haven.identity.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The first-start set-up form. {@code toString} leaves out the password. */
record SetupForm(
        @NotBlank @Size(max = 200) String orgName,
        @NotBlank @Pattern(regexp = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?", message = "{setup.slug.invalid}") String orgSlug,
        @NotBlank @Size(max = 200) String adminName,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 12, max = 200, message = "{setup.password.short}") String password) {

    static SetupForm empty() {
        return new SetupForm("", "", "", "", "");
    }

    @Override
    public String toString() {
        return "SetupForm[" + orgSlug + "]";
    }
}
