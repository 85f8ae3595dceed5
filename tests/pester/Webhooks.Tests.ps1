#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Test-SeedanceWebhook as a user's receiving endpoint uses it: an HttpListener on 127.0.0.1 in this process takes
# the emulator's webhook, and the cmdlet checks it and returns the task.

BeforeDiscovery {
    $signed = @(
        @{ Provider = 'WaveSpeed'; SignatureHeader = 'webhook-signature'; TimestampHeader = 'webhook-timestamp' }
        @{ Provider = 'Replicate'; SignatureHeader = 'webhook-signature'; TimestampHeader = 'webhook-timestamp' }
        @{ Provider = 'fal'; SignatureHeader = 'X-Fal-Webhook-Signature'; TimestampHeader = 'X-Fal-Webhook-Timestamp' }
    )
}

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'
    $key = ConvertTo-SecureString 'pester-webhook-key' -AsPlainText -Force
    $emu = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.2 -WebhookSecret (ConvertTo-SecureString $secret -AsPlainText -Force)
    foreach ($provider in 'WaveSpeed', 'Replicate', 'fal', 'Ark') {
        Connect-Seedance -Provider $provider -Name $provider -BaseUri $emu.BaseUris[$provider] -ApiKey $key -WarningAction SilentlyContinue | Out-Null
    }

    # Submits a task whose webhook comes to a listener here, and returns what arrived: the listener's own header
    # collection and the raw body, as a receiving script sees them. With -Skip, earlier deliveries are passed over.
    function Receive-Webhook([string] $Provider, [string] $Prompt = 'slow pan', [int] $Skip = 0) {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $url = "http://127.0.0.1:$port/hook/"
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add($url)
        $listener.Start()
        try {
            $task = New-SeedanceVideo -Connection $Provider -Image https://images.example.com/shot.jpg -Prompt $Prompt -WebhookUrl $url -WarningAction SilentlyContinue
            for ($i = 0; ; $i++) {
                $pending = $listener.GetContextAsync()
                if (-not $pending.Wait(20000)) { throw "No $Provider webhook within 20 s." }
                $context = $pending.Result
                $reader = [System.IO.StreamReader]::new($context.Request.InputStream)
                $body = $reader.ReadToEnd()
                $headers = $context.Request.Headers
                $context.Response.StatusCode = 200
                $context.Response.Close()
                if ($i -ge $Skip) { return [pscustomobject]@{ Task = $task; Body = $body; Headers = $headers } }
            }
        }
        finally { $listener.Close() }
    }

    function ConvertTo-Hashtable($Headers) {
        $table = @{}
        foreach ($name in $Headers.AllKeys) { $table[$name] = $Headers[$name] }
        $table
    }
}

AfterAll {
    Stop-SeedanceEmulator
    foreach ($provider in 'WaveSpeed', 'Replicate', 'fal', 'Ark') { Disconnect-Seedance -Name $provider -ErrorAction Ignore }
}

Describe 'A <Provider> webhook through Test-SeedanceWebhook' -ForEach $signed {
    BeforeAll { $webhook = Receive-Webhook $Provider }

    It 'is verified and comes back as the task it reports, ready to save' {
        $task = Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers $webhook.Headers -Secret $secret

        $task | Should -BeOfType ([Seedance.VideoTask])
        $task.Id | Should -Be $webhook.Task.Id
        $task.State | Should -Be 'Succeeded'
        $task.Prompt | Should -Be 'slow pan'
        $file = $task | Save-SeedanceVideo -Path (Join-Path $TestDrive $Provider)
        $file.Length | Should -BeGreaterThan 0
    }

    It 'takes the headers as a hashtable and the secret as a SecureString too' {
        $task = Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers (ConvertTo-Hashtable $webhook.Headers) -Secret (ConvertTo-SecureString $secret -AsPlainText -Force)

        $task.State | Should -Be 'Succeeded'
    }

    It 'refuses a changed body as a security error' {
        $tampered = $webhook.Body.Replace('.mp4', '.mp5')

        Test-SeedanceWebhook -Provider $Provider -Body $tampered -Headers $webhook.Headers -Secret $secret -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'WebhookSignatureInvalid*'
        $failure[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failure[0].Exception.Message | Should -BeLike "*$Provider webhook's signature does not match its body*"
    }

    It 'refuses a timestamp older than -MaxAgeSec, before it checks the signature' {
        $replayed = ConvertTo-Hashtable $webhook.Headers
        $replayed[$TimestampHeader] = [string]([DateTimeOffset]::UtcNow.AddMinutes(-10).ToUnixTimeSeconds())

        Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers $replayed -Secret $secret -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'WebhookTimestampStale*'
        $failure[0].Exception.Message | Should -BeLike '*signed 10 min ago*at most 5 min either way*'
    }

    It 'refuses a request without its signature header' {
        $unsigned = ConvertTo-Hashtable $webhook.Headers
        $unsigned.Remove($SignatureHeader)

        Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers $unsigned -Secret $secret -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'WebhookSignatureMissing*'
    }
}

Describe 'The wrong secret' -ForEach @(@{ Provider = 'WaveSpeed' }, @{ Provider = 'Replicate' }) {
    It 'is refused for <Provider>, and no secret at all is asked for by name' {
        $webhook = Receive-Webhook $Provider

        Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers $webhook.Headers -Secret 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' -ErrorAction SilentlyContinue -ErrorVariable wrong
        Test-SeedanceWebhook -Provider $Provider -Body $webhook.Body -Headers $webhook.Headers -ErrorAction SilentlyContinue -ErrorVariable missing

        $wrong[0].FullyQualifiedErrorId | Should -BeLike 'WebhookSignatureInvalid*'
        $wrong[0].Exception.Message | Should -BeLike '*-Secret is not the secret this account signs with*'
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'WebhookSecretRequired*'
    }
}

Describe 'An Ark callback, which Ark does not sign' {
    It 'is confirmed by asking Ark for the task through the connection' {
        $webhook = Receive-Webhook Ark -Skip 1

        $task = Test-SeedanceWebhook -Connection Ark -Body $webhook.Body -Headers $webhook.Headers

        $task.Id | Should -Be $webhook.Task.Id
        $task.State | Should -Be 'Succeeded'
    }

    It 'gets the provider''s word, not the forged body''s' {
        $stuck = New-SeedanceVideo -Connection Ark -Image https://images.example.com/shot.jpg -Prompt 'slow pan #stuck'
        $forged = @{ id = $stuck.Id; status = 'succeeded'; content = @{ video_url = 'https://evil.example.com/x.mp4' } } | ConvertTo-Json -Compress

        $task = Test-SeedanceWebhook -Provider Ark -Body $forged -Headers @{}

        $task.State | Should -Not -Be 'Succeeded'
        $task.VideoUrl | Should -BeNullOrEmpty
    }
}

Describe 'Bad input to Test-SeedanceWebhook' {
    It 'says a body that is not JSON must be the raw body' {
        Test-SeedanceWebhook -Provider Replicate -Body 'id=1&status=succeeded' -Headers @{} -Secret $secret -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'WebhookBodyInvalid*'
        $failure[0].Exception.Message | Should -BeLike '*$Request.RawBody*'
    }

    It 'says AI/ML API sends no webhooks' {
        Test-SeedanceWebhook -Provider AIMLAPI -Body '{}' -Headers @{} -ErrorAction SilentlyContinue -ErrorVariable failure

        $failure[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNotOffered*'
    }

    It 'refuses an emulator webhook secret no provider would issue, before anything starts' {
        Stop-SeedanceEmulator
        try {
            { Start-SeedanceEmulator -WebhookSecret 'hunter2' } | Should -Throw -ErrorId 'WebhookSecretInvalid*'
        }
        finally {
            $script:emu = Start-SeedanceEmulator -ApiKey $key -LatencySec 0.2 -WebhookSecret $secret
        }
    }
}
