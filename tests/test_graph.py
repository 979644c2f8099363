"""Workflows as code: ``Graph`` and the node functions of ``comfyui_nodes`` (0.33.0's).

The example of issue 22 runs on the server under test with both clients and a pool; values
are checked as they are set, with validation's rules and messages.
"""

from __future__ import annotations

import gzip
import json
import pickle
from typing import Any, cast

import pytest
from comfyui_nodes import (
    BatchImagesNode,
    CheckpointLoaderSimple,
    EmptyImage,
    EmptyLatentImage,
    ImageInvert,
    KSampler,
    ResizeImageMaskNode,
    SaveImage,
)
from conftest import DATA

from comfy_api_client import (
    Graph,
    PromptValidationError,
    Workflow,
    WorkflowError,
    create_pool,
)
from comfy_api_client.workflows.submission import prepare
from comfy_api_client.workflows.validation import validate_workflow

OBJECT_INFO = json.loads(gzip.decompress((DATA / "0.33.0" / "object_info.json.gz").read_bytes()))


def example(prefix: str = "inverted", color: int = 0x336699) -> Graph:
    with Graph() as g:
        image = EmptyImage(width=64, height=64, batch_size=1, color=color)
        SaveImage(images=ImageInvert(image=image), filename_prefix=prefix)
    return g


def test_the_example_runs_with_both_clients(client: Any) -> None:
    result = client.run(example("graph", color=0x123456), timeout=60)
    (image,) = result.output_images
    assert image.data.startswith(b"\x89PNG")
    assert image.filename.startswith("graph")


def test_a_pool_runs_a_graph(server: Any) -> None:
    with create_pool([server.url], http_timeout=10) as pool:
        result = pool.run(example("graph-pool", color=0x010203), timeout=60)
    assert len(result.output_images) == 1


def test_a_graph_is_a_workflow_with_stable_ids_and_titles() -> None:
    g = example()
    assert isinstance(g, Workflow)
    assert g.to_dict() == example().to_dict()  # the same code gives the same workflow
    assert g.to_dict() == {
        "1": {
            "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0x336699},
            "class_type": "EmptyImage",
            "_meta": {"title": "Empty Image"},
        },
        "2": {
            "inputs": {"image": ["1", 0]},
            "class_type": "ImageInvert",
            "_meta": {"title": "Invert Image Colors"},
        },
        "3": {
            "inputs": {"images": ["2", 0], "filename_prefix": "inverted"},
            "class_type": "SaveImage",
            "_meta": {"title": "Save Image"},
        },
    }
    assert validate_workflow(g.to_dict(), OBJECT_INFO) is None
    # templating works on it unchanged
    g.set("Empty Image.width", 128).set("3.filename_prefix", "x")
    assert g.nodes["1"]["inputs"]["width"] == 128
    plain = g.to_workflow()
    assert type(plain) is Workflow and plain.to_dict() == g.to_dict()


def test_prepare_takes_a_graph_as_it_takes_a_workflow() -> None:
    g = example()
    prepared = prepare(g, None, None)
    assert prepared.api == g.to_dict() and prepared.ui is None


def test_a_graph_travels_as_its_api_dict() -> None:
    g = example()
    from kombu.utils.json import dumps, loads

    assert loads(dumps(g)) == g.to_dict()  # what Celery's JSON serializer sends
    copied = pickle.loads(pickle.dumps(g))
    assert type(copied) is Workflow and copied.to_dict() == g.to_dict()


def test_titles_can_be_set() -> None:
    with Graph() as g:
        saved = SaveImage(images=EmptyImage(), filename_prefix="p")
        saved.node.title = "Result"
    assert g.nodes[saved.node.id]["_meta"]["title"] == "Result" == saved.node.title
    assert g.node_id("Result") == "2"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ({"width": 0}, "input 'width' = 0: Value 0 smaller than min of 1 (value_smaller_than_min)"),
        ({"height": 99999}, "Value 99999 bigger than max of 16384 (value_bigger_than_max)"),
        ({"color": "red"}, "Failed to convert an input value to a INT value"),
    ],
)
def test_a_bad_value_raises_at_the_call(given: dict[str, Any], reason: str) -> None:
    with Graph() as g, pytest.raises(PromptValidationError) as caught:
        EmptyImage(**given)
    assert reason in str(caught.value)
    assert "node 1 (EmptyImage, 'Empty Image')" in str(caught.value)
    (problem,) = caught.value.problems
    assert problem.input_name == next(iter(given)) and problem.received_value in given.values()
    assert g.nodes == {}  # nothing was added


def test_a_choice_not_listed_raises_at_the_call() -> None:
    with Graph():
        model, clip, _ = CheckpointLoaderSimple(ckpt_name="any.safetensors")  # server list
        latent = EmptyLatentImage(width=64, height=64)
        with pytest.raises(PromptValidationError, match=r"input 'sampler_name' = 'nope'"):
            KSampler(
                model=model,
                positive=cast(Any, clip),
                negative=cast(Any, clip),
                latent_image=latent,
                sampler_name=cast(Any, "nope"),
            )


def test_a_wrong_socket_type_raises_at_the_call_too() -> None:
    with Graph():
        latent = EmptyLatentImage()
        with pytest.raises(PromptValidationError) as caught:
            ImageInvert(image=cast(Any, latent))
    assert "received_type(LATENT) mismatch input_type(IMAGE)" in str(caught.value)


def test_outputs_of_another_graph_are_refused() -> None:
    with Graph():
        image = EmptyImage()
    with Graph(), pytest.raises(PromptValidationError, match="another graph"):
        ImageInvert(image=image)


def test_node_functions_need_a_graph() -> None:
    with pytest.raises(WorkflowError, match="inside `with Graph"):
        EmptyImage()


def test_several_outputs_unpack_and_one_is_the_value() -> None:
    with Graph():
        model, clip, vae = CheckpointLoaderSimple(ckpt_name="m.safetensors")
        image = EmptyImage()
    assert (model.type, clip.type, vae.type) == ("MODEL", "CLIP", "VAE")
    assert [o.slot for o in (model, clip, vae)] == [0, 1, 2]
    assert image.type == "IMAGE" and image.link() == ["2", 0]


def test_v3_dynamic_inputs() -> None:
    with Graph() as g:
        image = EmptyImage()
        SaveImage(images=BatchImagesNode(images=[image, image, image]))
        by = ResizeImageMaskNode(
            input=image, resize_type=("scale by multiplier", {"multiplier": 2.0})
        )
        dims = ResizeImageMaskNode(input=image, resize_type="scale dimensions")  # defaults
        SaveImage(images=by)
        SaveImage(images=dims)
        with pytest.raises(PromptValidationError, match=r"multiplier. = 99\.0: Value 99\.0 bigger"):
            ResizeImageMaskNode(
                input=image, resize_type=("scale by multiplier", {"multiplier": 99.0})
            )
    nodes = g.to_dict()
    assert nodes["2"]["inputs"] == {f"images.image{i}": ["1", 0] for i in range(3)}
    assert nodes["4"]["inputs"]["resize_type.multiplier"] == 2.0
    assert nodes["5"]["inputs"]["resize_type.width"] == 512
    assert nodes["5"]["inputs"]["resize_type.crop"] == "center"
    assert validate_workflow(nodes, OBJECT_INFO) is None  # the server's rules agree
