"""Container images built without a Dockerfile: Cloud Native Buildpacks (Spring Boot's
build-image goal, bootBuildImage, `pack build`), Jib and ko. Each is a "container" fact."""

from __future__ import annotations

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

# Spring Boot's build-image goal and bootBuildImage task build an OCI image with buildpacks
# (docs.spring.io/spring-boot/maven-plugin/build-image.html and .../gradle-plugin/packaging-oci-image.html,
# read 2026-11-29); `pack build` is the buildpacks CLI; ko builds Go images.
BUILD_COMMAND = lazyre.compile(
    r"spring-boot:build-image|\bbootBuildImage\b|\bpack\s+build\s|\bko\s+(?:build|publish|resolve|apply)\b"
)
JIB = lazyre.compile(r"jib-maven-plugin|com\.google\.cloud\.tools\.jib")
WHERE_BUILDS_RUN = ("README*", "*.md", "*.yml", "*.yaml", "Makefile", "*.sh", "Jenkinsfile")


def images(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("pom.xml", "build.gradle", "build.gradle.kts"):
        for number, _ in repo.grep(path, JIB, ("jib",)):
            inv.add("container", "Jib image", path, number)
            break
    for path in repo.named(*WHERE_BUILDS_RUN):
        for number, match in repo.grep(path, BUILD_COMMAND, ("build-image", "BuildImage", "pack", "ko ")):  # fmt: skip
            name = "ko image" if match.group(0).startswith("ko") else "Buildpacks image"
            inv.add("container", name, path, number, detail=match.group(0).strip())
            break
