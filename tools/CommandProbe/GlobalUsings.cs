global using Os = Sensor.Platform.Linux.LinuxHost;
