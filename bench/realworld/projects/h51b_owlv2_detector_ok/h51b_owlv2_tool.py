# source: https://github.com/landing-ai/vision-agent-tools/pull/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class, batch-dict
# looks-like: inputs-not-moved
# needs: torch, transformers, PIL
# cpu: no written where torch was not installed; not run
"""Text-prompted open-vocabulary detection tool wrapping OWLv2."""
import torch
from transformers import Owlv2ForObjectDetection, Owlv2Processor

from h51b_tensor_utils import batch_to_device, pick_device


class Owlv2Tool:
    def __init__(self, checkpoint="google/owlv2-base-patch16-ensemble", device=None):
        self.device = pick_device(device)
        self._processor = Owlv2Processor.from_pretrained(checkpoint)
        self._model = Owlv2ForObjectDetection.from_pretrained(checkpoint)
        self._model.to(self.device).eval()

    def _prepare(self, image, prompts):
        inputs = self._processor(text=[prompts], images=image, return_tensors="pt")
        return batch_to_device(inputs, self.device)

    @torch.no_grad()
    def __call__(self, image, prompts, box_threshold=0.1):
        inputs = self._prepare(image, prompts)
        outputs = self._model(**inputs)
        size = max(image.size)  # OWLv2 pads to a square before resizing
        target_sizes = torch.tensor([[size, size]], device=self.device)
        results = self._processor.post_process_object_detection(
            outputs=outputs, threshold=box_threshold, target_sizes=target_sizes
        )[0]
        return [
            {"label": prompts[int(l)], "score": float(s), "bbox": [float(v) for v in b]}
            for b, s, l in zip(results["boxes"].cpu(), results["scores"].cpu(), results["labels"].cpu())
        ]
