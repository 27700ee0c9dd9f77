{{/*
Chart name, truncated to the 63 characters Kubernetes allows in a label value.
*/}}
{{- define "stockflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name. The headless Service appends "-headless", so keep room for it.
*/}}
{{- define "stockflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "stockflow.headlessServiceName" -}}
{{- printf "%s-headless" (include "stockflow.fullname" .) }}
{{- end }}

{{- define "stockflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stockflow.labels" -}}
helm.sh/chart: {{ include "stockflow.chart" . }}
{{ include "stockflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stockflow
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "stockflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stockflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "stockflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stockflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "stockflow.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
The stable DNS name of one pod behind the headless Service, with Kubernetes' $(POD_NAME)
substitution; Stockflow advertises it as application.server for interactive-query routing.
*/}}
{{- define "stockflow.applicationServer" -}}
{{- printf "$(POD_NAME).%s.%s.svc.%s:%d" (include "stockflow.headlessServiceName" .) .Release.Namespace .Values.clusterDomain (int .Values.http.port) }}
{{- end }}

{{/*
A Kubernetes memory quantity ("1Gi", "1536Mi", "2G", "2147483648") in MiB, rounded down.
*/}}
{{- define "stockflow.quantityToMiB" -}}
{{- $quantity := toString . | trim }}
{{- $number := regexFind "^[0-9]+(\\.[0-9]+)?" $quantity }}
{{- if not $number }}
{{- fail (printf "cannot read the memory quantity %q" $quantity) }}
{{- end }}
{{- $suffix := trimPrefix $number $quantity }}
{{- $bytesPerUnit := dict "" 1.0 "k" 1000.0 "K" 1000.0 "M" 1000000.0 "G" 1000000000.0 "T" 1000000000000.0 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0 }}
{{- if not (hasKey $bytesPerUnit $suffix) }}
{{- fail (printf "cannot read the memory quantity %q: unknown unit %q" $quantity $suffix) }}
{{- end }}
{{- divf (mulf (float64 $number) (get $bytesPerUnit $suffix)) 1048576.0 | floor | int }}
{{- end }}

{{/*
The JVM heap as a percentage of the container memory limit. The heap gets what the limit leaves
after the RocksDB budget (block cache and write buffers live off-heap) and the JVM's own
non-heap memory (metaspace, thread stacks, code cache, direct buffers).
*/}}
{{- define "stockflow.maxRamPercentage" -}}
{{- if .Values.jvm.maxRamPercentage }}
{{- .Values.jvm.maxRamPercentage }}
{{- else }}
{{- $limit := dig "limits" "memory" "" .Values.resources }}
{{- if not $limit }}
{{- fail "resources.limits.memory is required: the JVM heap and the RocksDB budget are sized from it" }}
{{- end }}
{{- $limitMiB := include "stockflow.quantityToMiB" $limit | int }}
{{- $offHeapMiB := add (int .Values.rocksdb.memoryMb) (int .Values.jvm.nonHeapOverheadMb) }}
{{- $heapMiB := sub $limitMiB $offHeapMiB }}
{{- $minHeapMiB := int .Values.jvm.minHeapMb }}
{{- if lt $heapMiB $minHeapMiB }}
{{- fail (printf "resources.limits.memory %s (%dMi) leaves a %dMi heap after rocksdb.memoryMb (%d) and jvm.nonHeapOverheadMb (%d), below jvm.minHeapMb (%d): raise the limit or lower the RocksDB budget" (toString $limit) $limitMiB $heapMiB (int .Values.rocksdb.memoryMb) (int .Values.jvm.nonHeapOverheadMb) $minHeapMiB) }}
{{- end }}
{{- div (mul $heapMiB 100) $limitMiB }}
{{- end }}
{{- end }}

{{/*
Label matchers that scope alert expressions to this release's pods.
*/}}
{{- define "stockflow.alertSelector" -}}
{{- if .Values.prometheusRule.metricSelector }}
{{- .Values.prometheusRule.metricSelector }}
{{- else }}
{{- printf "namespace=%q, job=%q" .Release.Namespace (include "stockflow.headlessServiceName" .) }}
{{- end }}
{{- end }}
