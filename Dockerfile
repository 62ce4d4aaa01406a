# syntax=docker/dockerfile:1
# KioskAgent: build with the SDK, run on the ASP.NET runtime as a non-root user.
#
#   docker build -t kioskagent .
#   docker run -d --name kioskagent --restart unless-stopped \
#     -p 127.0.0.1:5080:8080 -v kioskagent-data:/data \
#     -v /etc/kioskagent/appsettings.json:/etc/kioskagent/appsettings.json:ro \
#     -e Auth__SigningKey="$(openssl rand -base64 32)" \
#     --device /dev/serial/by-id/usb-EPSON_TM-T88-if00:/dev/ttyPRINTER --group-add dialout \
#     kioskagent
#   docker inspect --format '{{.State.Health.Status}}' kioskagent     # healthy once /health/ready answers 200
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
# Data and log files on the volume; structured configuration may be mounted at /etc/kioskagent/appsettings.json.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Paths__DataDirectory=/data \
    LogFiles__Directory=/data/logs
USER app
EXPOSE 8080
VOLUME ["/data"]
# The aspnet image has no curl: the agent itself asks /health/ready on ASPNETCORE_HTTP_PORTS (exit 0 only on 200).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["dotnet", "KioskAgent.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "KioskAgent.dll"]
