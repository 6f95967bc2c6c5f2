// The one place the program names an OS: the host type of the platform this build targets (STYLE.md).
#if SENSOR_LINUX
global using Os = Sensor.Platform.Linux.LinuxHost;
#elif SENSOR_WINDOWS
global using Os = Sensor.Platform.Windows.WindowsHost;
#elif SENSOR_MACOS
global using Os = Sensor.Platform.MacOS.MacHost;
#endif
