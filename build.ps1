#!/usr/bin/env pwsh
# The same verbs as build.sh, for Windows (and PowerShell elsewhere):
#   ./build.ps1 build | test | publish [rid] | run -- <command...> | bench [filter] | docs | package msi
# Native AOT on Windows needs the .NET 10 SDK and Visual Studio's "Desktop development with C++" workload (the
# MSVC linker); build.ps1 checks both and says what is missing.
param(
    [Parameter(Position = 0)] [string] $Verb = 'build',
    [Parameter(Position = 1, ValueFromRemainingArguments = $true)] [string[]] $Rest = @()
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Fail([string] $message) { Write-Error "build.ps1: $message"; exit 1 }

function Get-HostRid {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    if ($IsWindows -or $env:OS -eq 'Windows_NT') { return "win-$arch" }
    if ($IsMacOS) { return "osx-$arch" }
    return "linux-$arch"
}

function Test-Prerequisites {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { Fail 'the .NET 10 SDK is missing: https://dotnet.microsoft.com/download/dotnet/10.0' }
    if (-not ((dotnet --list-sdks) -match '^10\.')) { Fail 'the .NET 10 SDK is missing (dotnet --list-sdks shows no 10.x)' }
    if ($IsWindows -or $env:OS -eq 'Windows_NT') {
        $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
        if (-not (Test-Path $vswhere) -or -not (& $vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath)) {
            Fail 'Native AOT needs the MSVC toolchain: install Visual Studio Build Tools with "Desktop development with C++"'
        }
    }
}

function Get-Revision { try { (git rev-parse --short=12 HEAD).Trim() } catch { 'unknown' } }

function Invoke-Build { dotnet build sensor.sln -c Release "-p:SourceRevisionId=$(Get-Revision)" -nologo; if ($LASTEXITCODE) { Fail 'build failed' } }

function Invoke-Publish([string] $rid) {
    if (-not $rid) { $rid = Get-HostRid }
    $out = Join-Path $PSScriptRoot "dist/$rid"
    $log = dotnet publish Sensor/Sensor.csproj -c Release -r $rid -o $out "-p:SourceRevisionId=$(Get-Revision)" -nologo 2>&1
    if ($LASTEXITCODE) { $log | Write-Host; Fail 'publish failed' }
    $warnings = $log | Select-String -Pattern 'warning (IL|CS|NU)[0-9]+'
    if ($warnings) { $warnings | Write-Host; Fail 'publish produced warnings' }
    Write-Host "build.ps1: dist/$rid published"
}

function Invoke-Test {
    Test-Prerequisites
    Invoke-Build
    dotnet test Sensor.Tests/Sensor.Tests.csproj -c Release --no-build -nologo
    if ($LASTEXITCODE) { Fail 'unit tests failed' }
    $rid = Get-HostRid
    Invoke-Publish $rid
    $bin = Join-Path $PSScriptRoot "dist/$rid/sensor"
    if ($IsWindows -or $env:OS -eq 'Windows_NT') { $bin += '.exe' }
    $tmp = New-TemporaryFile
    Set-Content -Path $tmp -Value 'smoke' -NoNewline
    $expected = (Get-FileHash -Algorithm SHA256 $tmp).Hash.ToLowerInvariant()
    $out = & $bin exec file_hash $tmp.FullName
    if (-not ($out -match $expected)) { Fail "smoke: file_hash disagrees with Get-FileHash: $out" }
    Remove-Item $tmp
    foreach ($target in @('win-x64', 'osx-arm64', 'linux-x64')) {
        if ($target -eq $rid) { continue }
        $extra = if ($target -like 'osx-*') { @('-p:PublishAot=false') } else { @() }
        dotnet build Sensor/Sensor.csproj -c Release -r $target @extra -o ".build/$target" -nologo
        if ($LASTEXITCODE) { Fail "$target build failed" }
    }
}

# The MSI with WiX v4+ (`dotnet tool install --global wix`): the Native AOT win-x64 binary, packaged from
# packaging/msi/sensor.v4.wxs (the WiX v4 form of the sensor.wxs that wixl builds on Linux). Output:
# dist/sensor-VERSION-x64.msi. Needs Windows (Native AOT for win-x64 links with MSVC).
function Invoke-PackageMsi {
    if (-not ($IsWindows -or $env:OS -eq 'Windows_NT')) { Fail 'package msi with WiX runs on Windows; on Linux use ./build.sh package msi (wixl)' }
    if (-not (Get-Command wix -ErrorAction SilentlyContinue)) { Fail 'WiX is missing: dotnet tool install --global wix (v4 or later), then open a new shell' }
    Test-Prerequisites
    $version = (dotnet msbuild Sensor/Sensor.csproj -getProperty:Version -nologo).Trim()
    if ($version -notmatch '^\d+\.\d+\.\d+$') { Fail "MSI versions are major.minor.build; Directory.Build.props says '$version'" }
    Invoke-Publish 'win-x64'
    $source = Join-Path $PSScriptRoot 'dist/win-x64'
    $outDir = Join-Path $PSScriptRoot 'dist'
    New-Item -ItemType Directory -Force -Path $outDir | Out-Null
    $msi = Join-Path $outDir "sensor-$version-x64.msi"
    wix build -arch x64 -d "Version=$version" -d "SourceDir=$source" -o $msi (Join-Path $PSScriptRoot 'packaging/msi/sensor.v4.wxs')
    if ($LASTEXITCODE) { Fail 'wix build failed' }
    Write-Host "build.ps1: $msi"
}

switch ($Verb) {
    'build' { Test-Prerequisites; Invoke-Build }
    'test' { Invoke-Test }
    'publish' { Test-Prerequisites; Invoke-Publish ($Rest | Select-Object -First 1) }
    'run' {
        $args2 = @($Rest | Where-Object { $_ -ne '--' })
        if ($args2.Count -eq 0) { Fail 'usage: ./build.ps1 run -- <command> [arguments...]' }
        $rid = Get-HostRid
        $bin = Join-Path $PSScriptRoot "dist/$rid/sensor"
        if ($IsWindows -or $env:OS -eq 'Windows_NT') { $bin += '.exe' }
        if (-not (Test-Path $bin)) { Test-Prerequisites; Invoke-Publish $rid }
        & $bin exec @args2
        exit $LASTEXITCODE
    }
    'bench' { dotnet run -c Release --project Sensor.Benchmarks -- --filter ($(if ($Rest) { $Rest[0] } else { '*' })) }
    'package' {
        $format = $Rest | Select-Object -First 1
        if ($format -ne 'msi') { Fail "usage: ./build.ps1 package msi (deb and pkg are built by ./build.sh on Linux and macOS)" }
        Invoke-PackageMsi
    }
    'docs' { Invoke-Build; Write-Host 'build.ps1: regenerate docs/commands.md with ./build.sh docs (it splices the generated part between its markers)' }
    default { Fail "unknown verb '$Verb' (build, test, publish [rid], run -- <command...>, bench [filter], docs, package msi)" }
}
