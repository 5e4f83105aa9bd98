# The processor's image part makes float32 pixel values on the CPU; the caption
# model was loaded in float16 and moved, and the pixels are moved but not cast.
import torch
from PIL import Image
from transformers import Blip2ForConditionalGeneration, Blip2Processor

processor = Blip2Processor.from_pretrained("Salesforce/blip2-opt-2.7b")
captioner = Blip2ForConditionalGeneration.from_pretrained(
    "Salesforce/blip2-opt-2.7b", torch_dtype=torch.float16
).to("cuda")


def caption(paths):
    images = [Image.open(p).convert("RGB") for p in paths]
    batch = processor.image_processor(images, return_tensors="pt")
    pixels = batch["pixel_values"].to("cuda")  # expect: TL107:14 lines=15,17,9
    ids = captioner.generate(pixel_values=pixels, max_new_tokens=30)
    return processor.batch_decode(ids, skip_special_tokens=True)
