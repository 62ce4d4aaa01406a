# syntax=docker/dockerfile:1
# KioskAgent: build with the SDK, run on the ASP.NET runtime as a non-root user.
#
#   docker build -t kioskagent .
#   docker run -p 127.0.0.1:5080:8080 -v kioskagent-data:/data \
#     -e Auth__SigningKey="$(openssl rand -base64 32)" \
#     --device /dev/serial/by-id/usb-EPSON_TM-T88-if00:/dev/ttyPRINTER --group-add dialout \
#     kioskagent
#
# Serial devices: pass each port with --device (the by-id path on the host is stable across re-plugging) and
# add the container to the group that owns the port on the host (dialout on Debian/Ubuntu; check with
# `ls -l /dev/ttyUSB0`), since the agent does not run as root. Point the kiosk's device configuration at the
# path inside the container. CPU figures come from /proc of the container's kernel (the host's kernel).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first from the project files alone, so this layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props KioskAgent.sln ./
COPY src/KioskAgent/KioskAgent.csproj src/KioskAgent/
COPY src/KioskAgent.Devices/KioskAgent.Devices.csproj src/KioskAgent.Devices/
COPY src/KioskAgent.Journal/KioskAgent.Journal.csproj src/KioskAgent.Journal/
COPY src/KioskAgent.Simulator/KioskAgent.Simulator.csproj src/KioskAgent.Simulator/
RUN dotnet restore src/KioskAgent/KioskAgent.csproj
COPY src/ src/
RUN dotnet publish src/KioskAgent/KioskAgent.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The image's built-in non-root user (uid 1654); dialout (gid 20) lets it open serial ports passed with --device.
RUN mkdir -p /data/logs && chown -R 1654:1654 /data && usermod -aG dialout app
COPY --from=build /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    LogFiles__Directory=/data/logs \
    Journal__DatabasePath=/data/journal.db
USER app
EXPOSE 8080
VOLUME ["/data"]
# The aspnet image has no curl: ask the agent's own readiness endpoint through bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "KioskAgent.dll"]
