# One tower of a model is cast to float16 on its own, and the model's method that
# runs it gets float16 images: which part a method runs is the model's business.
import open_clip
import torch


def embed_images(batches):
    model, _, _ = open_clip.create_model_and_transforms("ViT-B-32", pretrained="laion2b")
    model = model.to("cuda")
    model.visual.half()
    features = []
    for n in batches:
        images = torch.rand(n, 3, 224, 224, device="cuda").half()
        with torch.no_grad():
            features.append(model.encode_image(images))
    return features
